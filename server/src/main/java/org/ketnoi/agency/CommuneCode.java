package org.ketnoi.agency;

import org.ketnoi.platform.InvalidInput;

/** A commune-level unit's five-digit statistical code (xã, phường or đặc khu), e.g. 00004. */
public record CommuneCode(@com.fasterxml.jackson.annotation.JsonValue String value) {

    public CommuneCode {
        if (value == null || !value.matches("[0-9]{5}")) {
            throw new InvalidInput("communeCode",
                    "A commune code has exactly 5 digits (e.g. 00004 for Phường Ba Đình), got '" + value + "'", value);
        }
    }

    public static CommuneCode parse(String value) {
        return new CommuneCode(value == null ? null : value.trim());
    }

    @Override
    public String toString() {
        return value;
    }
}
