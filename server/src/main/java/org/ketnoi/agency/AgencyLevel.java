package org.ketnoi.agency;

/** A level of government; a smaller rank is higher. Levels are rows, not an enum. */
public record AgencyLevel(String code, int rank, String name, String nameEn, boolean inForce) {
}
