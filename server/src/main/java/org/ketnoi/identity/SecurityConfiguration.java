package org.ketnoi.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Public pages stay public; the registry's pages and APIs need an account. Sign-in is HTTP Basic
 * for now (works in every browser without JavaScript, and for machine clients); the OpenID Connect
 * provider of the identity capability takes its place.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "basic",
        type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.HTTP, scheme = "basic")
class SecurityConfiguration {

    /**
     * Without sessions the token lives in a cookie, which must be set before a page starts
     * streaming; a deferred token would be created mid-render, after the headers are gone.
     */
    private static org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler eagerCsrfToken() {
        var handler = new org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler();
        handler.setCsrfRequestAttributeName(null);
        return handler;
    }

    /**
     * HTTP Basic authenticates every request, and Spring Security renews the CSRF token on each
     * authentication: a second tab would then invalidate the form open in the first. The token is
     * kept instead (clearing requests are ignored); it is still random per browser and checked on
     * every form.
     */
    record StableCsrfCookie(org.springframework.security.web.csrf.CsrfTokenRepository delegate)
            implements org.springframework.security.web.csrf.CsrfTokenRepository {

        @Override
        public org.springframework.security.web.csrf.CsrfToken generateToken(
                jakarta.servlet.http.HttpServletRequest request) {
            return delegate.generateToken(request);
        }

        @Override
        public void saveToken(org.springframework.security.web.csrf.CsrfToken token,
                jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
            if (token != null) {
                delegate.saveToken(token, request, response);
            }
        }

        @Override
        public org.springframework.security.web.csrf.CsrfToken loadToken(
                jakarta.servlet.http.HttpServletRequest request) {
            return delegate.loadToken(request);
        }
    }

    /**
     * The filters are cheap; wrapping each of them in an observation is not, on APIs answering
     * thousands of calls a second. HTTP server metrics stay (Prometheus).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * Machine clients: no cookies, no sessions, no CSRF token minted and sent back on every call
     * (nothing to forge: every call carries its own credentials).
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, CachedPasswordAuthentication authentication)
            throws Exception {
        http.securityMatcher("/api/**")
                .authenticationProvider(authentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/population/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.realmName("Ketnoi"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain platformSecurity(HttpSecurity http, CachedPasswordAuthentication authentication)
            throws Exception {
        http.authenticationProvider(authentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/population/**", "/registry/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.realmName("Ketnoi"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.csrfTokenRepository(new StableCsrfCookie(new CookieCsrfTokenRepository()))
                        .csrfTokenRequestHandler(eagerCsrfToken()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'")))
                .formLogin(f -> f.disable())
                .logout(Customizer.withDefaults());
        return http.build();
    }
}
