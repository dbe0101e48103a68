package org.ketnoi.identity;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as modules need to know it: the account (or agency system), its kind, its agency
 * and that agency's administrative area, and its roles. It is the principal of every authenticated
 * request, on pages and APIs alike. It is kept in web sessions, so it is serializable and holds no
 * {@link Optional} fields.
 *
 * @param username the account's username, or the OAuth2 client id of an agency system
 * @param provinceCode the province of the agency's area, or null for a central agency
 * @param communeCode the commune of the agency's area, or null unless the agency is a commune's
 */
public record Caller(String username, String displayName, Kind kind, String agencyId, String provinceCode,
        String communeCode, Set<String> roles) implements Principal, Serializable,
        org.ketnoi.platform.DisplayName {

    @Serial
    private static final long serialVersionUID = 1L;

    public Caller {
        roles = Set.copyOf(roles);
    }

    public enum Kind {
        OFFICIAL, SYSTEM, CITIZEN
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public String audience() {
        return kind.name();
    }

    public Optional<String> province() {
        return Optional.ofNullable(provinceCode);
    }

    public Optional<String> commune() {
        return Optional.ofNullable(communeCode);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether a place (province and commune codes) lies in this caller's area; central agencies cover all. */
    public boolean covers(String provinceCode, String communeCode) {
        if (this.communeCode != null) {
            return this.communeCode.equals(communeCode);
        }
        return this.provinceCode == null || this.provinceCode.equals(provinceCode);
    }
}
