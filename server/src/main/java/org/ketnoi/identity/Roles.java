package org.ketnoi.identity;

import java.util.List;

/** The roles the platform knows. An official holds one or more within one agency. */
public final class Roles {

    /** Bộ phận một cửa: receives dossiers at the one-stop desk. */
    public static final String ONE_STOP_CLERK = "ONE_STOP_CLERK";
    /** Chuyên viên: appraises dossiers. */
    public static final String SPECIALIST = "SPECIALIST";
    /** Lãnh đạo: approves or returns dossiers, signs results. */
    public static final String LEADER = "LEADER";
    /** An official who views and corrects population records of their area. */
    public static final String REGISTRY_OFFICIAL = "REGISTRY_OFFICIAL";
    /** An official who imports and exports population data of their area. */
    public static final String REGISTRY_IMPORTER = "REGISTRY_IMPORTER";
    /** Quản trị đơn vị: creates and disables the officials of their own agency. */
    public static final String AGENCY_ADMIN = "AGENCY_ADMIN";
    /** Quản trị nền tảng: above all; registers agency systems and manages any agency's officials. */
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

    /** An agency system that may ask whether a person's details match: yes or no, nothing more. */
    public static final String REGISTRY_VERIFIER = "REGISTRY_VERIFIER";
    /** An agency system that may, beyond verifying, receive the matched person's basic data. */
    public static final String REGISTRY_READER = "REGISTRY_READER";

    /** Roles an official may be given, in the order pages list them. */
    public static final List<String> OFFICIAL_ROLES = List.of(ONE_STOP_CLERK, SPECIALIST, LEADER, REGISTRY_OFFICIAL,
            REGISTRY_IMPORTER, AGENCY_ADMIN, PLATFORM_ADMIN);

    /** Roles an agency system may be given. */
    public static final List<String> SYSTEM_ROLES = List.of(REGISTRY_VERIFIER, REGISTRY_READER, REGISTRY_IMPORTER);

    private Roles() {
    }
}
