package org.ketnoi.population;

import java.time.Year;
import org.ketnoi.agency.BirthRegistrationProvinces;
import org.ketnoi.platform.InvalidInput;

/**
 * The 12-digit personal identification number (số định danh cá nhân): digits 1-3 the province
 * where the birth was registered (63-province codes), digit 4 sex and century, digits 5-6 the
 * last two digits of the birth year, digits 7-12 a serial. There is no check digit.
 */
public record PersonalIdNumber(String value) {

    public PersonalIdNumber {
        if (value == null || value.length() != 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInput("idNumber", "A personal identification number has exactly 12 digits, got '"
                    + abbreviate(value) + "'", abbreviate(value));
        }
        String province = value.substring(0, 3);
        if (!BirthRegistrationProvinces.isKnown(province)) {
            throw new InvalidInput("idNumber", "The first three digits of " + value + " (" + province
                    + ") are not a province code of birth registration", value);
        }
        int digit = value.charAt(3) - '0';
        int year = 1900 + (digit / 2) * 100 + Integer.parseInt(value.substring(4, 6));
        if (year > Year.now().getValue()) {
            throw new InvalidInput("idNumber", "The number " + value + " encodes the birth year " + year
                    + ", which is in the future", value);
        }
    }

    public static PersonalIdNumber parse(String value) {
        return new PersonalIdNumber(value == null ? null : value.strip());
    }

    /** The same number from its numeric form (the registry stores numbers as bigint). */
    public static PersonalIdNumber of(long number) {
        return new PersonalIdNumber(String.format("%012d", number));
    }

    /** Builds the number for a person: province of birth registration, sex, birth year, serial. */
    public static PersonalIdNumber compose(String provinceCode, Sex sex, int birthYear, int serial) {
        int century = (birthYear - 1900) / 100;
        int digit = century * 2 + (sex == Sex.FEMALE ? 1 : 0);
        return new PersonalIdNumber(provinceCode + digit + String.format("%02d%06d", birthYear % 100, serial));
    }

    public String birthRegistrationProvince() {
        return value.substring(0, 3);
    }

    public Sex sex() {
        return (value.charAt(3) - '0') % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    public int birthYear() {
        return 1900 + ((value.charAt(3) - '0') / 2) * 100 + Integer.parseInt(value.substring(4, 6));
    }

    public long asLong() {
        return Long.parseLong(value);
    }

    /** The number with its middle hidden, for screens and logs: 001******345. */
    public String masked() {
        return value.substring(0, 3) + "******" + value.substring(9);
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    @Override
    public String toString() {
        return value;
    }
}
