package org.ketnoi.identity.credentials;

import java.util.Locale;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * RFC 4648 Base32 as authenticator apps use it: written without padding, read in either case and
 * with the spaces people type. Bouncy Castle does the coding (it is already here for Argon2id) but
 * wants padding and capitals.
 */
final class Base32 {

    private Base32() {
    }

    static String encode(byte[] bytes) {
        String padded = org.bouncycastle.util.encoders.Base32.toBase32String(bytes);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    /** The bytes, or IllegalArgumentException when the text is not Base32. */
    static byte[] decode(String text) {
        String compact = text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        int end = compact.indexOf('=');
        String unpadded = end < 0 ? compact : compact.substring(0, end);
        // Lengths 1, 3 and 6 (mod 8) leave bits no byte can fill.
        int rest = unpadded.length() % 8;
        if (rest == 1 || rest == 3 || rest == 6 || !unpadded.chars().allMatch(Base32::isDigit)) {
            throw new IllegalArgumentException("Not Base32 text");
        }
        try {
            return org.bouncycastle.util.encoders.Base32.decode(unpadded + "=".repeat(rest == 0 ? 0 : 8 - rest));
        } catch (DecoderException e) {
            throw new IllegalArgumentException("Not Base32 text", e);
        }
    }

    private static boolean isDigit(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
    }
}
