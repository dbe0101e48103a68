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

    // Year.now() reads the clock and time zone each time; once a minute is plenty.
    private static final java.util.function.Supplier<Integer> CURRENT_YEAR = new java.util.function.Supplier<>() {
        private volatile long checked;
        private volatile int year;

        @Override
        public Integer get() {
            long now = System.currentTimeMillis();
            if (now - checked > 60_000) {
                year = Year.now().getValue();
                checked = now;
            }
            return year;
        }
    };

    public PersonalIdNumber {
        if (value == null || value.length() != 12 || !digits(value)) {
            throw new InvalidInput("idNumber", "A personal identification number has exactly 12 digits, got '"
                    + abbreviate(value) + "'", abbreviate(value));
        }
        String province = value.substring(0, 3);
        if (!BirthRegistrationProvinces.isKnown(province)) {
            throw InvalidInput.because("idNumber.province", "idNumber", "The first three digits of " + value + " ("
                    + province + ") are not a province code of birth registration", value, province);
        }
        int digit = value.charAt(3) - '0';
        int year = 1900 + (digit / 2) * 100 + (value.charAt(4) - '0') * 10 + (value.charAt(5) - '0');
        if (year > CURRENT_YEAR.get()) {
            throw InvalidInput.because("idNumber.future", "idNumber", "The number " + value + " encodes the birth year "
                    + year + ", which is in the future", value, year);
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
        char[] n = new char[12];
        provinceCode.getChars(0, 3, n, 0);
        n[3] = (char) ('0' + digit);
        n[4] = (char) ('0' + birthYear % 100 / 10);
        n[5] = (char) ('0' + birthYear % 10);
        for (int i = 11, s = serial; i >= 6; i--, s /= 10) {
            n[i] = (char) ('0' + s % 10);
        }
        return new PersonalIdNumber(new String(n));
    }

    public String birthRegistrationProvince() {
        return value.substring(0, 3);
    }

    public Sex sex() {
        return (value.charAt(3) - '0') % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    public int birthYear() {
        return 1900 + ((value.charAt(3) - '0') / 2) * 100 + (value.charAt(4) - '0') * 10 + (value.charAt(5) - '0');
    }

    public long asLong() {
        return Long.parseLong(value);
    }

    /** The number with its middle hidden, for screens and logs: 001******345. */
    public String masked() {
        return value.substring(0, 3) + "******" + value.substring(9);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    @Override
    public String toString() {
        return value;
    }
}
