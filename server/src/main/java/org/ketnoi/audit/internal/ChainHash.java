package org.ketnoi.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.ketnoi.audit.AuditTrail;

/**
 * The hash of one entry over all its fields and its predecessor's hash. Each field is written
 * with its length first, so no two different entries can produce the same input.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(long sequence, Instant recordedAt, AuditTrail.Entry entry, String previousHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            field(sha, Long.toString(sequence));
            field(sha, recordedAt.toString());
            field(sha, entry.actor());
            field(sha, entry.agency() == null ? "" : entry.agency());
            field(sha, entry.action());
            field(sha, entry.object());
            field(sha, entry.outcome().name());
            field(sha, previousHash);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }
}
