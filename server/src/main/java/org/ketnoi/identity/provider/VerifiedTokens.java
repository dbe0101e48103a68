package org.ketnoi.identity.provider;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Agency systems send the same access token with every call for its five minutes: its signature is
 * checked the first time, and the decoded token kept (by its exact text) until it expires. A token
 * that differs by one character is a different key and is verified on its own; expiry is checked on
 * every use; revocation is checked by the caller on every use.
 */
class VerifiedTokens implements JwtDecoder {

    private static final int MAX = 100_000;

    private final JwtDecoder decoder;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token);
        Instant now = Instant.now();
        if (jwt != null) {
            if (jwt.getExpiresAt() != null && !jwt.getExpiresAt().isAfter(now)) {
                verified.remove(token);
                throw new BadJwtException("An error occurred while attempting to decode the Jwt: Jwt expired at "
                        + jwt.getExpiresAt());
            }
            return jwt;
        }
        jwt = decoder.decode(token);
        if (verified.size() >= MAX) {
            verified.values().removeIf(j -> j.getExpiresAt() == null || !j.getExpiresAt().isAfter(now));
            if (verified.size() >= MAX) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
        return jwt;
    }
}
