package org.ketnoi.identity;

/** The roles the platform knows so far. */
public final class Roles {

    /** An official who views and corrects population records of their area. */
    public static final String REGISTRY_OFFICIAL = "REGISTRY_OFFICIAL";
    /** An agency system that may ask whether a person's details match: yes or no, nothing more. */
    public static final String REGISTRY_VERIFIER = "REGISTRY_VERIFIER";
    /** An agency system that may, beyond verifying, receive the matched person's basic data. */
    public static final String REGISTRY_READER = "REGISTRY_READER";
    /** An official who imports and exports population data of their area. */
    public static final String REGISTRY_IMPORTER = "REGISTRY_IMPORTER";

    private Roles() {
    }
}
