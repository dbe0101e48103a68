package org.ketnoi.agency;

/** A province or centrally-run city with the number of its commune-level units. */
public record Province(ProvinceCode code, String name, String nameEn, String fullName, String fullNameEn,
        int communeCount) {
}
