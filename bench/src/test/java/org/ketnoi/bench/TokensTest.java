package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class TokensTest {

    private static final byte[] RFC_6238_SHA1_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B, SHA-1, 8 digits; the step is T / 30. */
    @Test
    void totpMatchesTheRfc6238Sha1Vectors() {
        assertEquals("94287082", Tokens.totp(RFC_6238_SHA1_SECRET, 59 / 30, 8));
        assertEquals("07081804", Tokens.totp(RFC_6238_SHA1_SECRET, 1111111109 / 30, 8));
        assertEquals("14050471", Tokens.totp(RFC_6238_SHA1_SECRET, 1111111111 / 30, 8));
        assertEquals("89005924", Tokens.totp(RFC_6238_SHA1_SECRET, 1234567890 / 30, 8));
        assertEquals("69279037", Tokens.totp(RFC_6238_SHA1_SECRET, 2000000000 / 30, 8));
    }

    /** Six digits, as the provider asks for: the last six of the eight (the modulus drops the leading ones). */
    @Test
    void sixDigitCodesAreTheLastSixOfTheEight() {
        assertEquals("287082", Tokens.totp(RFC_6238_SHA1_SECRET, 1, Tokens.TOTP_DIGITS));
        assertEquals("081804", Tokens.totp(RFC_6238_SHA1_SECRET, 1111111109 / 30, Tokens.TOTP_DIGITS));
    }

    /** RFC 4648 §10 test vectors (padding left off, as authenticator apps and the server write it). */
    @Test
    void base32RoundTripsAndMatchesTheRfc4648Vectors() {
        assertEquals("", Tokens.base32(new byte[0]));
        assertEquals("MY", Tokens.base32("f".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXQ", Tokens.base32("fo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6", Tokens.base32("foo".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YQ", Tokens.base32("foob".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTB", Tokens.base32("fooba".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTBOI", Tokens.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Tokens.fromBase32("MZXW6YTBOI======"));
        String secret = Tokens.newTotpSecret();
        assertEquals(32, secret.length()); // 160 bits
        assertEquals(secret, Tokens.base32(Tokens.fromBase32(secret)));
        assertEquals(20, Tokens.fromBase32(secret).length);
    }

    /** RFC 7636 appendix B: the verifier of 43 characters and its S256 challenge. */
    @Test
    void pkceS256MatchesTheRfc7636Example() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Tokens.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        String verifier = Tokens.newVerifier();
        assertEquals(43, verifier.length());
        assertTrue(verifier.matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void csrfIsReadFromTheHiddenInput() {
        String page = """
                <form method="post" action="/signin" novalidate>
                  <input class="govuk-input" id="username" name="username" type="text" value="">
                  <input type="hidden" name="_csrf" value="NxGYHRw1hdXpe1Hl4zvQ_eeelQCvk5HC9Cm_cMScdaGK6Fzy-eyxW5"/>
                  <button class="govuk-button" type="submit">Đăng nhập</button>
                </form>""";
        assertEquals("NxGYHRw1hdXpe1Hl4zvQ_eeelQCvk5HC9Cm_cMScdaGK6Fzy-eyxW5", Tokens.csrf(page));
        assertEquals("abc", Tokens.csrf("<input value=\"abc\" type=\"hidden\" name=\"_csrf\">"));
        assertNull(Tokens.csrf("<form><input name=\"username\" value=\"x\"></form>"));
        assertNull(Tokens.csrf(null));
    }

    @Test
    void theCodeAndStateAreReadFromTheCallback() {
        String callback = "http://127.0.0.1/callback?code=a%2Bb_c-d&state=s";
        assertEquals("a+b_c-d", Tokens.param(callback, "code"));
        assertEquals("s", Tokens.param(callback, "state"));
        assertNull(Tokens.param(callback, "error"));
        assertNull(Tokens.param("http://127.0.0.1/callback", "code"));
    }

    /** Renewed at 4 minutes for the provider's 5-minute tokens; at 80 % of a shorter life. */
    @Test
    void tokensAreRenewedBeforeTheyExpire() {
        assertEquals(Duration.ofMinutes(4), BearerSource.renewAfter(Duration.ofMinutes(5)));
        assertEquals(Duration.ofMinutes(4), BearerSource.renewAfter(Duration.ofHours(1)));
        assertEquals(Duration.ofSeconds(48), BearerSource.renewAfter(Duration.ofMinutes(1)));
    }

    /** The header the clients read changes when the background renewal swaps a new token in. */
    @Test
    void theHeaderFollowsTheRenewedToken() throws Exception {
        java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
        try (BearerSource source = BearerSource.start("test", () -> new Tokens.Token("t" + issued.incrementAndGet(),
                java.time.Instant.now(), Duration.ofMillis(100)))) {
            assertEquals("Bearer t1", source.get());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (source.renewals() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(source.renewals() >= 2, "renewed " + source.renewals() + " times");
            assertTrue(source.get().matches("Bearer t[0-9]+") && !source.get().equals("Bearer t1"), source.get());
            assertEquals(0, source.failures());
        }
    }

    /** The hash the server's encoder reads after the {bcrypt} prefix. */
    @Test
    void bcryptHashesCheck() {
        String hash = BCrypt.hashpw("secret password", BCrypt.gensalt(4));
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(BCrypt.checkpw("secret password", hash));
    }
}
