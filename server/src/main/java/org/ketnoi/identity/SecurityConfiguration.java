package org.ketnoi.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Public pages stay public; the registry's pages and APIs need an account. Sign-in is HTTP Basic
 * for now (works in every browser without JavaScript, and for machine clients); the OpenID Connect
 * provider of the identity capability takes its place.
 */
@Configuration(proxyBeanMethods = false)
@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "basic",
        type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.HTTP, scheme = "basic")
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain platformSecurity(HttpSecurity http, CachedPasswordAuthentication authentication)
            throws Exception {
        http.authenticationProvider(authentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/population/**", "/registry/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.realmName("Ketnoi"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .ignoringRequestMatchers("/api/**"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'")))
                .formLogin(f -> f.disable())
                .logout(Customizer.withDefaults());
        return http.build();
    }
}
