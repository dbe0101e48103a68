package org.ketnoi.population;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.ketnoi.platform.InvalidInput;

/**
 * What the registry knows of one citizen. The constructor refuses an inconsistent record: the ID
 * number's sex and birth-year digits must agree with the record, dates must be possible, texts
 * are NFC-normalised and bounded. Whether the communes exist is the registry's check.
 */
public record CitizenRecord(
        PersonalIdNumber idNumber,
        String fullName,
        BirthDate birthDate,
        Sex sex,
        String ethnicity,
        String religion,
        String nationality,
        String birthRegistrationCommune,
        String homeTown,
        Residence permanentResidence,
        Residence temporaryResidence,
        HouseholdMembership household,
        IdCard idCard,
        MaritalStatus maritalStatus,
        LocalDate deathDate,
        PersonalIdNumber father,
        PersonalIdNumber mother,
        PersonalIdNumber spouse) {

    public static final int MAX_NAME = 100;
    public static final int MAX_TEXT = 200;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '\\-.]*");
    private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");
    private static final Pattern NATIONALITY = Pattern.compile("[A-Z]{2}");
    private static final Pattern HOUSEHOLD = Pattern.compile("[0-9A-Z\\-]{1,20}");
    private static final Pattern RUNS_OF_SPACE = Pattern.compile("\\s+");

    public CitizenRecord {
        require(idNumber, "idNumber", "a personal identification number");
        fullName = text(fullName, "fullName", MAX_NAME, true);
        if (!NAME.matcher(fullName).matches()) {
            throw InvalidInput.because("name.letters", "fullName", "A full name holds letters and spaces only, got '"
                    + fullName + "'", fullName);
        }
        require(birthDate, "birthDate", "a date of birth");
        require(sex, "sex", "a sex");
        if (idNumber.sex() != sex) {
            throw InvalidInput.because("idNumber.sex." + idNumber.sex().name().toLowerCase(), "idNumber", "The number "
                    + idNumber + " is that of a " + idNumber.sex().name().toLowerCase()
                    + " person, but the record says " + sex.name().toLowerCase(), idNumber);
        }
        if (idNumber.birthYear() != birthDate.year()) {
            throw InvalidInput.because("idNumber.year", "idNumber", "The number " + idNumber + " encodes the birth year "
                    + idNumber.birthYear() + ", but the record says " + birthDate.year(), idNumber,
                    idNumber.birthYear(), birthDate.year());
        }
        ethnicity = text(ethnicity, "ethnicity", MAX_NAME, false);
        religion = text(religion, "religion", MAX_NAME, false);
        nationality = nationality == null || nationality.isBlank() ? "VN" : nationality.strip();
        if (!NATIONALITY.matcher(nationality).matches()) {
            throw InvalidInput.because("nationality", "nationality", "A nationality is a two-letter ISO 3166 code "
                    + "such as VN, got '" + nationality + "'", nationality);
        }
        birthRegistrationCommune = blankToNull(birthRegistrationCommune);
        if (birthRegistrationCommune != null && !COMMUNE.matcher(birthRegistrationCommune).matches()) {
            throw InvalidInput.because("communeCode.shape", "birthRegistrationCommune", "A commune code has 5 digits, "
                    + "got '" + birthRegistrationCommune + "'", birthRegistrationCommune);
        }
        homeTown = text(homeTown, "homeTown", MAX_TEXT, false);
        require(permanentResidence, "permanentResidence", "a permanent residence");
        maritalStatus = maritalStatus == null ? MaritalStatus.SINGLE : maritalStatus;
        LocalDate earliestBirth = LocalDate.of(birthDate.year(), birthDate.month() == null ? 1 : birthDate.month(),
                birthDate.day() == null ? 1 : birthDate.day());
        if (idCard != null && idCard.issuedOn().isBefore(earliestBirth)) {
            throw InvalidInput.because("idCard.beforeBirth", "idCard", "The ID card of " + idNumber
                    + " was issued before the birth", idCard.issuedOn());
        }
        if (deathDate != null) {
            if (deathDate.isAfter(LocalDate.now())) {
                throw InvalidInput.because("date.future", "deathDate", "The date of death " + deathDate
                        + " is in the future", deathDate);
            }
            if (deathDate.getYear() < birthDate.year()) {
                throw InvalidInput.because("deathDate.beforeBirth", "deathDate", "The date of death " + deathDate
                        + " is before the birth", deathDate);
            }
        }
        for (PersonalIdNumber relative : new PersonalIdNumber[] {father, mother, spouse}) {
            if (idNumber.equals(relative)) {
                throw InvalidInput.because("relatives.self", "relatives", "A citizen cannot be their own parent or "
                        + "spouse: " + idNumber, idNumber);
            }
        }
        if (father != null && father.sex() != Sex.MALE) {
            throw InvalidInput.because("father.sex", "father", "The father's number " + father
                    + " is that of a female person", father);
        }
        if (mother != null && mother.sex() != Sex.FEMALE) {
            throw InvalidInput.because("mother.sex", "mother", "The mother's number " + mother
                    + " is that of a male person", mother);
        }
    }

    public boolean isDeceased() {
        return deathDate != null;
    }

    /** Where a citizen lives: a commune-level unit and the address within it. */
    public record Residence(String communeCode, String address) {

        public Residence {
            communeCode = communeCode == null ? null : communeCode.strip();
            if (communeCode == null || !COMMUNE.matcher(communeCode).matches()) {
                throw InvalidInput.because("communeCode.shape", "communeCode", "A residence needs a 5-digit commune "
                        + "code, got '" + communeCode + "'", communeCode);
            }
            address = text(address, "address", MAX_TEXT, false);
        }
    }

    /** Membership of a household (hộ gia đình): its number and the relation to its head. */
    public record HouseholdMembership(String number, Relation relation) {

        public HouseholdMembership {
            number = text(number, "householdNumber", 20, true);
            if (!HOUSEHOLD.matcher(number).matches()) {
                throw InvalidInput.because("householdNumber.shape", "householdNumber", "A household number holds "
                        + "digits, capital letters and hyphens, got '" + number + "'", number);
            }
            require(relation, "relationToHead", "the relation to the head of the household");
        }
    }

    /** Relation to the head of the household. */
    public enum Relation {
        HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER;

        public static Relation parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw InvalidInput.because("relationToHead", "relationToHead", "The relation to the head is one of "
                        + "head, spouse, child, parent, grandchild, sibling, other; got '" + value + "'", value);
            }
        }
    }

    public enum MaritalStatus {
        SINGLE, MARRIED, DIVORCED, WIDOWED;

        public static MaritalStatus parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw InvalidInput.because("maritalStatus", "maritalStatus", "The marital status is one of single, "
                        + "married, divorced, widowed; got '" + value + "'", value);
            }
        }
    }

    /**
     * The citizen's ID card (thẻ căn cước). It must be renewed at 25, 40 and 60; a card issued in
     * the two years before one of those ages stays valid until the next, and from 60 it does not expire.
     */
    public record IdCard(LocalDate issuedOn, String authority) {

        private static final int[] RENEWAL_AGES = {25, 40, 60};

        public IdCard {
            require(issuedOn, "idCardIssuedOn", "an issue date");
            if (issuedOn.isAfter(LocalDate.now())) {
                throw InvalidInput.because("date.future", "idCardIssuedOn", "An ID card issued on " + issuedOn
                        + " is in the future", issuedOn);
            }
            authority = text(authority, "idCardAuthority", MAX_TEXT, false);
        }

        /** The expiry date, or null when the card no longer expires (issued at 58 or later). */
        public LocalDate expiresOn(BirthDate birthDate) {
            LocalDate born = birthDate.latestPossible();
            for (int age : RENEWAL_AGES) {
                LocalDate milestone = born.plusYears(age);
                if (issuedOn.isBefore(milestone.minusYears(2))) {
                    return milestone;
                }
            }
            return null;
        }
    }

    private static void require(Object value, String field, String what) {
        if (value == null) {
            throw InvalidInput.because("required", field, "The record needs " + what);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw InvalidInput.because("required", field, "The record needs a " + field);
            }
            return null;
        }
        // Millions of records pass here on import: skip the work when the text is already clean.
        String normal = value.strip();
        if (!Normalizer.isNormalized(normal, Normalizer.Form.NFC)) {
            normal = Normalizer.normalize(normal, Normalizer.Form.NFC);
        }
        boolean needsSpaces = false;
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw InvalidInput.because("text.control", field, "The " + field + " contains control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < normal.length() && Character.isLowSurrogate(normal.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw InvalidInput.because("text.surrogate", field, "The " + field
                        + " contains a broken character (a lone UTF-16 surrogate)");
            }
            if (c == '\t' || c == '\n' || c == '\r' || (c == ' ' && i + 1 < normal.length() && normal.charAt(i + 1) == ' ')) {
                needsSpaces = true;
            }
        }
        if (needsSpaces) {
            normal = RUNS_OF_SPACE.matcher(normal).replaceAll(" ");
        }
        if (normal.length() > max) {
            throw InvalidInput.because("text.long", field, "The " + field + " has " + normal.length()
                    + " characters; at most " + max + " are allowed", normal.length(), max);
        }
        return normal;
    }
}
