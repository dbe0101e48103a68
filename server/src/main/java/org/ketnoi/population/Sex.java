package org.ketnoi.population;

import org.ketnoi.platform.InvalidInput;

/** Sex as the registry records it; the ID number's fourth digit encodes it (even male, odd female). */
public enum Sex {
    MALE("M"), FEMALE("F");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Sex parse(String value) {
        if (value != null) {
            switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "M", "MALE", "NAM" -> {
                    return MALE;
                }
                case "F", "FEMALE", "NU", "NỮ" -> {
                    return FEMALE;
                }
                default -> {
                }
            }
        }
        throw InvalidInput.because("sex", "sex", "Sex must be M or F, got '" + value + "'", value);
    }
}
