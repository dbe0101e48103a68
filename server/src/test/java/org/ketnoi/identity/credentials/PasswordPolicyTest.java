package org.ketnoi.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ketnoi.identity.credentials.PasswordPolicy.Identity;
import org.ketnoi.identity.credentials.PasswordPolicy.Rule;
import org.ketnoi.identity.credentials.PasswordPolicy.Violation;

class PasswordPolicyTest {

    // Reading the list once for the class keeps the test fast, as one shared bean does in the app.
    private static final PasswordPolicy POLICY = new PasswordPolicy();
    private static final Identity AN = new Identity("nguyenvanan", "001099012345", "an.nguyen@example.vn");

    private static Optional<Rule> rule(String password, Identity identity) {
        return POLICY.check(password, identity).map(Violation::rule);
    }

    @Test
    void shipsAtLeastTenThousandCommonPasswords() throws IOException {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS)) {
            long lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
            assertThat(lines).isGreaterThanOrEqualTo(10_000);
        }
        // Of those, the ones of eight or more characters are the ones kept.
        assertThat(POLICY.commonCount()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void refusesCommonPasswordsInAnyCase() {
        for (String common : List.of("password", "12345678", "iloveyou", "PassWord", "ILOVEYOU", "qwertyuiop",
                "password1", "michael1")) {
            assertThat(rule(common, Identity.NONE)).as(common).contains(Rule.COMMON);
        }
    }

    @Test
    void acceptsALongRandomPassphrase() {
        assertThat(POLICY.check("tháng bảy mưa ngâu, cá chép vượt đèo 17", AN)).isEmpty();
        assertThat(POLICY.check("correct horse battery staple", AN)).isEmpty();
    }

    @Test
    void countsCodePointsAfterNfkc() {
        // Eight chars, two of them combining accents: six characters once composed, too short.
        String decomposed = "nga\u0300ycu\u0301";
        assertThat(decomposed.length()).isEqualTo(8);
        assertThat(rule(decomposed, Identity.NONE)).contains(Rule.TOO_SHORT);
        // Eight emoji are sixteen chars but eight characters, long enough.
        assertThat(POLICY.check("🐉🐅🐈🐇🐍🐎🐐🐒", Identity.NONE)).isEmpty();
        // Full-width forms fold to ASCII, so they are found on the list too.
        assertThat(rule("ｐａｓｓｗｏｒｄ", Identity.NONE)).contains(Rule.COMMON);
    }

    @Test
    void refusesOutsideEightToOneHundredTwentyEightCharacters() {
        assertThat(POLICY.check("xK9#mQ2", Identity.NONE)).contains(new Violation(Rule.TOO_SHORT, List.of(8)));
        assertThat(POLICY.check("", Identity.NONE).map(Violation::rule)).contains(Rule.TOO_SHORT);
        assertThat(POLICY.check(null, Identity.NONE).map(Violation::rule)).contains(Rule.TOO_SHORT);
        assertThat(POLICY.check("xK9#mQ2v", Identity.NONE)).isEmpty();
        assertThat(POLICY.check("ab".repeat(64), Identity.NONE)).isEmpty();
        assertThat(POLICY.check("ab".repeat(64) + "c", Identity.NONE))
                .contains(new Violation(Rule.TOO_LONG, List.of(128)));
        assertThat(rule("x".repeat(100_000), Identity.NONE)).contains(Rule.TOO_LONG);
    }

    @Test
    void hasNoCompositionRules() {
        assertThat(POLICY.check("mèo con bắt chuột", Identity.NONE)).isEmpty();
        assertThat(POLICY.check("8306419275", Identity.NONE)).isEmpty();
    }

    @Test
    void refusesRepeatedAndSequentialRuns() {
        for (String run : List.of("aaaaaaaa", "abcdefgh", "87654321", "ZYXWVUTSR")) {
            assertThat(rule(run, Identity.NONE)).as(run).isPresent();
        }
        assertThat(rule("aaaaaaaa", Identity.NONE)).contains(Rule.REPETITIVE);
    }

    @Test
    void refusesPasswordsBuiltFromTheHoldersIdentity() {
        assertThat(POLICY.check("NguyenVanAn", AN)).contains(new Violation(Rule.CONTAINS_IDENTITY, List.of("username")));
        assertThat(POLICY.check("x001099012345", AN))
                .contains(new Violation(Rule.CONTAINS_IDENTITY, List.of("id-number")));
        assertThat(POLICY.check("my an.nguyen secret", AN))
                .contains(new Violation(Rule.CONTAINS_IDENTITY, List.of("email")));
        // Without the identity the same passwords pass.
        assertThat(POLICY.check("my an.nguyen secret", Identity.NONE)).isEmpty();
    }

    @Test
    void ignoresIdentityValuesTooShortToMean() {
        var shortNames = new Identity("an", null, "an@example.vn");
        assertThat(POLICY.check("an toàn là bạn", shortNames)).isEmpty();
    }

    @Test
    void neverEchoesThePassword() {
        String secret = "NguyenVanAn-2024";
        Violation violation = POLICY.check(secret, AN).orElseThrow();
        assertThat(violation.toString()).doesNotContain(secret).doesNotContainIgnoringCase("nguyenvanan");
        var error = violation.toInvalidInput("password");
        assertThat(error.code()).isEqualTo("password.contains-identity");
        assertThat(error.arguments()).containsExactly("username");
        assertThat(error.getMessage()).doesNotContain(secret);
    }
}
