package org.ketnoi.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientSecretEncoderTest {

    private final ClientSecretEncoder encoder = new ClientSecretEncoder();

    @Test
    void encodesAsPrefixedLowerCaseSha256Hex() {
        // SHA-256("abc") from FIPS 180-2.
        assertThat(encoder.encode("abc"))
                .isEqualTo("{sha256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void matchesTheSecretItEncoded() {
        String secret = ClientSecretEncoder.newSecret();
        String encoded = encoder.encode(secret);
        assertThat(encoder.matches(secret, encoded)).isTrue();
        assertThat(encoder.matches(secret + "x", encoded)).isFalse();
        assertThat(encoder.matches(secret, encoded.toUpperCase().replace("{SHA256}", "{sha256}"))).isTrue();
    }

    @Test
    void answersFalseForNullOrForeignEncodedValues() {
        String secret = ClientSecretEncoder.newSecret();
        String hex = encoder.encode(secret).substring("{sha256}".length());
        assertThat(encoder.matches(secret, null)).isFalse();
        assertThat(encoder.matches(null, encoder.encode(secret))).isFalse();
        assertThat(encoder.matches(secret, "")).isFalse();
        assertThat(encoder.matches(secret, hex)).isFalse();
        assertThat(encoder.matches(secret, "{bcrypt}$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(encoder.matches(secret, "{sha256}" + hex.substring(2))).isFalse();
        assertThat(encoder.matches(secret, "{sha256}zz" + hex.substring(2))).isFalse();
        assertThat(encoder.matches(secret, "{noop}" + secret)).isFalse();
    }

    @Test
    void encodesNullAsNull() {
        assertThat(encoder.encode(null)).isNull();
    }

    @Test
    void newSecretsAre256RandomBitsInBase64UrlWithoutPadding() {
        String secret = ClientSecretEncoder.newSecret();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(ClientSecretEncoder.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void needsNoUpgrade() {
        assertThat(encoder.upgradeEncoding(encoder.encode("abc"))).isFalse();
    }
}
