package org.ketnoi.identity;

import java.util.Optional;

/**
 * What identity asks the population registry, without depending on it (the registry depends on
 * identity for its callers). The population module implements it; every read is in its access log.
 */
public interface CitizenDirectory {

    /**
     * The registry's person when the number, name and date of birth all match a living citizen;
     * empty otherwise, without saying which detail differed.
     */
    Optional<Profile> match(String idNumber, String fullName, String birthDate);

    /** The citizen's own record, as shown on their account page. */
    Optional<Profile> profile(String idNumber);

    /** @param birthDate ISO date, or a partial one (year, year-month) as the registry keeps it */
    record Profile(String idNumber, String fullName, String birthDate, String sex, String permanentCommune) {
    }
}
