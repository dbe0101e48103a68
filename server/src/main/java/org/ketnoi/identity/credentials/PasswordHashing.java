package org.ketnoi.identity.credentials;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id at the cost OWASP's Password Storage Cheat Sheet recommends (19 MiB, 2 passes, one
 * lane), in one place so the encoder, its benchmark and the documentation name the same cost.
 */
public final class PasswordHashing {

    /** Memory per hash in KiB (19 MiB). */
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    private PasswordHashing() {
    }

    /**
     * A new Argon2id encoder (Bouncy Castle underneath). Its hashes carry their parameters
     * ({@code $argon2id$v=19$m=19456,t=2,p=1$...}), so a later raise of the cost still verifies old
     * hashes and reports them for upgrade.
     */
    public static PasswordEncoder argon2id() {
        return new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    }

    /** The cost in words, for benchmark reports and logs. */
    public static String describe() {
        return "Argon2id m=" + MEMORY_KIB + " KiB, t=" + ITERATIONS + ", p=" + PARALLELISM;
    }
}
