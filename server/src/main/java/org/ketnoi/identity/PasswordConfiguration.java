package org.ketnoi.identity;

import java.util.Map;
import org.ketnoi.identity.credentials.PasswordHashing;
import org.ketnoi.identity.credentials.PasswordPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing: Argon2id at OWASP's cost for every new hash. Hashes say which scheme made them,
 * so the bcrypt hashes of earlier versions still verify and are replaced at the next sign-in.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2id", Map.of(
                "argon2id", PasswordHashing.argon2id(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }
}
