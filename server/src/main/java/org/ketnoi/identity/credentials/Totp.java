package org.ketnoi.identity.credentials;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) for the second factor: HMAC-SHA1, six digits and
 * 30-second steps, the settings every authenticator app accepts. The caller keeps the secret and
 * the last step used, which {@link #verify} needs to refuse a code a second time.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final int PERIOD_SECONDS = 30;
    public static final String ISSUER = "Ketnoi";
    /** 160 bits, as RFC 4226 recommends (the size of an SHA-1 output). */
    public static final int SECRET_BYTES = 20;
    /** The last step of a secret that has not been used yet. */
    public static final long NEVER_USED = -1;

    // One step either way: a phone clock a little off, or a code typed just as it turned.
    private static final int DRIFT_STEPS = 1;
    private static final int QUIET_ZONE = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as people type it into an app: RFC 4648 Base32 without padding. */
    public static String toBase32(byte[] secret) {
        return Base32.encode(secret);
    }

    /** A secret from Base32, in either case, spaces allowed; IllegalArgumentException if malformed. */
    public static byte[] fromBase32(String text) {
        return Base32.decode(text);
    }

    /** The number of the 30-second step a time falls in (the RFC's T). */
    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code an authenticator app shows at this time. */
    public static String code(byte[] secret, Instant time) {
        return code(secret, step(time), DIGITS);
    }

    /**
     * The step whose code this is, when it is the code of the current step or one either side and
     * that step is later than {@code lastUsedStep}; empty otherwise (wrong, too old, or a replay).
     * The caller stores the answer as the new last step used.
     */
    public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        String typed = code == null ? "" : code.replace(" ", ""); // apps show "123 456"
        if (typed.length() != DIGITS || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = typed.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        OptionalLong matched = OptionalLong.empty();
        // Every candidate is computed and compared in constant time, so timing tells nothing.
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            byte[] expected = code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && step > lastUsedStep) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    /**
     * The key URI authenticator apps read from a QR code
     * ({@code otpauth://totp/Ketnoi:<account>?secret=...&issuer=Ketnoi&...}); the account is the
     * name the app lists, and may not contain a colon, which separates it from the issuer.
     */
    public static String uri(String account, byte[] secret) {
        if (account == null || account.isBlank() || account.indexOf(':') >= 0) {
            throw new IllegalArgumentException("The account name must be non-blank and without a colon");
        }
        return "otpauth://totp/" + encode(ISSUER) + ":" + encode(account.strip()) + "?secret=" + toBase32(secret)
                + "&issuer=" + encode(ISSUER) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    /**
     * The text as a QR code in SVG, black modules on a white square with the quiet zone, scaled by
     * CSS. {@code label} is read out by screen readers; a page must also show the secret in text,
     * since a QR code is of no use to someone who cannot see it.
     */
    public static String qrSvg(String text, String label) {
        ByteMatrix matrix;
        try {
            // ASCII (as the key URI is) needs no character set, whose ECI header some apps do not read.
            Map<EncodeHintType, ?> hints = text.chars().allMatch(c -> c < 0x80) ? Map.of()
                    : Map.of(EncodeHintType.CHARACTER_SET, "UTF-8");
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text too long for a QR code", e);
        }
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        // One sub-path per horizontal run of dark modules keeps the document small.
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) != 1) {
                    continue;
                }
                int run = 1;
                while (x + run < matrix.getWidth() && matrix.get(x + run, y) == 1) {
                    run++;
                }
                path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run - 1;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" role=\"img\" aria-label=\"" + escapeXml(label) + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** RFC 4226 HOTP of one step, with the digit count open for RFC 6238's eight-digit vectors. */
    static String code(byte[] secret, long step, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        long modulus = (long) Math.pow(10, digits);
        String value = Long.toString(binary % modulus);
        return "0".repeat(digits - value.length()) + value;
    }

    // RFC 3986 percent-encoding of UTF-8 (NFC first, so typed and pasted Vietnamese agree);
    // '@' stays, as in the e-mail addresses apps show.
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : Normalizer.normalize(text, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
