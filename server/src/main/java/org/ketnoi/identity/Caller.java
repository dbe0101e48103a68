package org.ketnoi.identity;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as modules need to know it: the account, its kind, its agency and that
 * agency's administrative area, and its roles. It is the principal of every authenticated request.
 *
 * @param province the province of the agency's area, if the agency is local
 * @param commune the commune of the agency's area, if the agency is a commune's
 */
public record Caller(String username, String displayName, Kind kind, String agencyId, Optional<String> province,
        Optional<String> commune, Set<String> roles) {

    public enum Kind {
        OFFICIAL, SYSTEM, CITIZEN
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether a place (province and commune codes) lies in this caller's area; central agencies cover all. */
    public boolean covers(String provinceCode, String communeCode) {
        if (commune.isPresent()) {
            return commune.get().equals(communeCode);
        }
        return province.map(p -> p.equals(provinceCode)).orElse(true);
    }
}
