package org.ketnoi.identity;

import java.util.Set;
import java.util.UUID;

/**
 * An account as identity's own pages and the provider see it. {@code id} is the opaque subject the
 * platform's own clients receive; other clients receive a pairwise one derived from it.
 */
public record Account(UUID id, String username, String displayName, Caller.Kind kind, String agencyId,
        Set<String> roles, String idNumber, String birthDate, String email, boolean emailConfirmed, String phone,
        boolean totpEnabled, boolean disabled) {

    public boolean isOfficial() {
        return kind == Caller.Kind.OFFICIAL;
    }

    public boolean isCitizen() {
        return kind == Caller.Kind.CITIZEN;
    }
}
