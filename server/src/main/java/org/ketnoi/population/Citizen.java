package org.ketnoi.population;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A citizen's record as the registry holds it: the record, its version and where that version
 * came from (who changed it, from which agency, why, on which legal basis).
 */
public record Citizen(CitizenRecord record, String province, int version, Instant validFrom, String changedBy,
        String changedAgency, String changeReason, String legalBasis) {

    public PersonalIdNumber idNumber() {
        return record.idNumber();
    }

    /** When the ID card expires under the renewal ages, or null if it does not (or there is none). */
    public LocalDate idCardExpiry() {
        return record.idCard() == null ? null : record.idCard().expiresOn(record.birthDate());
    }
}
