package org.ketnoi.agency;

/**
 * One of the 63 province codes of before 1 July 2025 that the first three digits of a personal
 * identification number carry (the province where the birth was registered).
 */
public record BirthRegistrationProvince(String code, String name) {
}
