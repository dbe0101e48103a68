package org.ketnoi.population;

import java.util.Optional;
import org.ketnoi.platform.InvalidInput;

/** Does a person with these details exist? The answer says yes or no, and nothing more unless allowed. */
public final class Verification {

    private Verification() {
    }

    /** What the asking system knows: the number, and optionally the name and date of birth to compare. */
    public record Request(PersonalIdNumber idNumber, String fullName, BirthDate birthDate) {

        public Request {
            if (idNumber == null) {
                throw new InvalidInput("idNumber", "A verification needs the personal identification number", null);
            }
            if (fullName != null && fullName.length() > CitizenRecord.MAX_NAME) {
                throw new InvalidInput("fullName", "A full name has at most " + CitizenRecord.MAX_NAME + " characters",
                        null);
            }
        }
    }

    public enum Outcome {
        MATCH, NO_MATCH
    }

    /**
     * The answer. {@code person} is present only for a match and only when the caller's role allows
     * it (data minimisation): the name, date of birth, sex and commune of permanent residence.
     */
    public record Result(PersonalIdNumber idNumber, Outcome outcome, Optional<Person> person) {
    }

    public record Person(String fullName, String birthDate, String sex, String permanentCommune, boolean deceased) {
    }
}
