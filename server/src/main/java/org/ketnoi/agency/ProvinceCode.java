package org.ketnoi.agency;

import org.ketnoi.platform.InvalidInput;

/** A province's two-digit statistical code after the 2025 reform, e.g. 01 Hà Nội, 79 Hồ Chí Minh. */
public record ProvinceCode(@com.fasterxml.jackson.annotation.JsonValue String value) {

    public ProvinceCode {
        if (value == null || !value.matches("[0-9]{2}")) {
            throw new InvalidInput("provinceCode",
                    "A province code has exactly 2 digits (e.g. 01 for Hà Nội), got '" + value + "'", value);
        }
    }

    public static ProvinceCode parse(String value) {
        return new ProvinceCode(value == null ? null : value.trim());
    }

    @Override
    public String toString() {
        return value;
    }
}
