package org.ketnoi.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Stores OAuth2 client secrets as {@code {sha256}<hex>}. The secrets are 256 random bits
 * ({@link #newSecret()}), beyond any search, so a slow password hash would only cost throughput at
 * the token endpoint. Use it directly as the clients' encoder, not inside a
 * DelegatingPasswordEncoder, which would add a second prefix.
 */
public final class ClientSecretEncoder implements PasswordEncoder {

    public static final String PREFIX = "{sha256}";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A new client secret: 32 random bytes, base64url without padding (43 characters). */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The stored form, or null for a null secret (as Spring Security's encoders answer). */
    @Override
    public String encode(CharSequence rawSecret) {
        return rawSecret == null ? null : PREFIX + HEX.formatHex(sha256(rawSecret));
    }

    /** Constant-time; false, not an exception, for a null secret or a value not of this form. */
    @Override
    public boolean matches(CharSequence rawSecret, String encodedSecret) {
        if (rawSecret == null || encodedSecret == null || !encodedSecret.startsWith(PREFIX)
                || encodedSecret.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] expected;
        try {
            expected = HEX.parseHex(encodedSecret, PREFIX.length(), encodedSecret.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(rawSecret), expected);
    }

    private static byte[] sha256(CharSequence secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
