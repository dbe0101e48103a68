package org.ketnoi.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    @Test
    void hashesWithArgon2idAtOwaspCost() {
        PasswordEncoder encoder = PasswordHashing.argon2id();
        String hash = encoder.encode("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(encoder.upgradeEncoding(hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        PasswordEncoder encoder = PasswordHashing.argon2id();
        assertThat(encoder.encode("same password")).isNotEqualTo(encoder.encode("same password"));
    }

    @Test
    void describesItsCost() {
        assertThat(PasswordHashing.describe()).isEqualTo("Argon2id m=19456 KiB, t=2, p=1");
        assertThat(PasswordHashing.MEMORY_KIB).isEqualTo(19 * 1024);
    }
}
