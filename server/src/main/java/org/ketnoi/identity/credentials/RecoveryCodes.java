package org.ketnoi.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Single-use recovery codes, for when the phone with the authenticator app is lost: ten codes
 * shown once, as {@code ABCDE-FGHJK}, of which only salted hashes are stored. The caller deletes
 * the hash a code matched, so each code works once.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    public static final int LENGTH = 10;

    // No 0/O, 1/I/L: codes are read off paper and typed back. 31 symbols, ~49.5 bits a code.
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private RecoveryCodes() {
    }

    /** Ten new codes to show and their hashes to store in their place. */
    public static Issued issue() {
        List<String> codes = new ArrayList<>(COUNT);
        List<String> hashes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH);
            for (int j = 0; j < LENGTH; j++) {
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2));
            hashes.add(hash(code.toString()));
        }
        return new Issued(codes, hashes);
    }

    /**
     * The index in {@code stored} of the hash the entered code matches, ignoring case, spaces and
     * hyphens; empty when none does. Every stored hash is compared, in constant time.
     */
    public static OptionalInt match(String entered, List<String> stored) {
        String code = entered == null ? "" : entered.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return OptionalInt.empty();
        }
        OptionalInt matched = OptionalInt.empty();
        for (int i = 0; i < stored.size(); i++) {
            String hash = stored.get(i);
            int colon = hash == null ? -1 : hash.indexOf(':');
            if (colon != SALT_BYTES * 2) {
                continue; // not a hash of ours
            }
            byte[] salt;
            byte[] expected;
            try {
                salt = HEX.parseHex(hash, 0, colon);
                expected = HEX.parseHex(hash, colon + 1, hash.length());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(digest(salt, code), expected) && matched.isEmpty()) {
                matched = OptionalInt.of(i);
            }
        }
        return matched;
    }

    // A fast hash is right for random codes: password hashes slow down guessing human choices, and
    // here a stolen hash still takes ~2^48 SHA-256 tries (hours on a GPU) and yields a code that is
    // useless without the password. The salt stops one search from testing everyone's codes at once.
    static String hash(String code) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return HEX.formatHex(salt) + ":" + HEX.formatHex(digest(salt, code));
    }

    private static byte[] digest(byte[] salt, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Codes as shown to the holder, and for each the hash to store ({@code <salt hex>:<SHA-256
     * hex>}), in the same order. {@link #toString()} leaves the codes out, so a log line cannot
     * leak them.
     */
    public record Issued(List<String> codes, List<String> hashes) {

        public Issued {
            codes = List.copyOf(codes);
            hashes = List.copyOf(hashes);
            if (codes.size() != hashes.size()) {
                throw new IllegalArgumentException("One hash per code");
            }
        }

        @Override
        public String toString() {
            return "RecoveryCodes.Issued[" + codes.size() + " codes]";
        }
    }
}
