package org.ketnoi.agency;

/** A commune-level unit: a ward (phường), commune (xã) or special zone (đặc khu). */
public record Commune(CommuneCode code, ProvinceCode province, String name, String nameEn, String fullName,
        String fullNameEn, Kind kind) {

    public enum Kind {
        WARD, COMMUNE, SPECIAL_ZONE
    }
}
