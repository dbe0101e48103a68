package org.ketnoi.population;

/** Published in the changing transaction when a citizen's record is added or corrected. */
public record CitizenRecordChanged(PersonalIdNumber idNumber, int version, String agency) {
}
