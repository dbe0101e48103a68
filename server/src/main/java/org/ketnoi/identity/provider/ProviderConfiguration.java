package org.ketnoi.identity.provider;

import java.time.Duration;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.credentials.ClientSecretEncoder;
import org.ketnoi.identity.signin.IdpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OpenID Connect provider: Spring Authorization Server on the platform's database, with the
 * platform's keys, claims, clients and sign-in pages.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ProviderConfiguration {

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, TransactionTemplate tx,
            @Value("${ketnoi.identity.key-rotation:P30D}") Duration rotateAfter) {
        return new SigningKeys(jdbc, tx, rotateAfter);
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
        return new CachedClients(new JdbcRegisteredClientRepository(jdbc));
    }

    @Bean
    Authorizations authorizations(JdbcTemplate jdbcTemplate, RegisteredClientRepository clients, JdbcClient jdbc,
            AuditTrail audit) {
        return new Authorizations(new AuthorizationStore(jdbcTemplate, clients), jdbc, audit);
    }

    @Bean
    OAuth2AuthorizationConsentService consents(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    Subjects subjects(JdbcClient jdbc) {
        return new Subjects(jdbc);
    }

    @Bean
    Clients clients(RegisteredClientRepository repository, JdbcClient jdbc, AgencyDirectory agencies,
            AuditTrail audit) {
        return new Clients(repository, jdbc, agencies, audit);
    }

    @Bean
    Claims claims(Accounts accounts, Clients clients, Subjects subjects, RegisteredClientRepository repository) {
        return new Claims(accounts, clients, subjects, repository);
    }

    /** The published keys (JWKS endpoint); signing uses the active key only (see the token generator). */
    @Bean
    com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> jwkSource(SigningKeys keys) {
        return keys.published();
    }

    /** Bearer tokens at the platform's APIs: signed by a published key, RS256 or ES256, verified once each. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext>();
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                java.util.Set.of(com.nimbusds.jose.JWSAlgorithm.RS256, com.nimbusds.jose.JWSAlgorithm.ES256),
                keys.published()));
        // Spring's validators check the times; Nimbus's own claims check would duplicate them.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        org.springframework.security.oauth2.jwt.NimbusJwtDecoder decoder =
                new org.springframework.security.oauth2.jwt.NimbusJwtDecoder(processor);
        return new VerifiedTokens(decoder);
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, Claims claims) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys.signing()));
        jwt.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(),
                new OAuth2RefreshTokenGenerator());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${ketnoi.public-url:}") String publicUrl) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (!publicUrl.isBlank()) {
            settings.issuer(publicUrl.replaceAll("/+$", ""));
        }
        return settings.build();
    }

    /**
     * A client that did not authenticate at all (no credentials, or a public client outside the code
     * grant) gets the answer RFC 6749 §5.2 prescribes, not a bare 401.
     */
    static void invalidClient(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Basic realm=\"ketnoi\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid_client\",\"error_description\":"
                + "\"Client authentication failed\"}");
    }

    @Bean
    @Order(0)
    SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
            Authorizations authorizations, OAuth2AuthorizationConsentService consents,
            OAuth2TokenGenerator<?> tokens, Claims claims, SessionRegistry sessions) throws Exception {
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.registeredClientRepository(clients)
                    .authorizationService(authorizations)
                    .authorizationConsentService(consents)
                    .tokenGenerator(tokens)
                    .authorizationEndpoint(a -> a.consentPage("/oauth2/consent"))
                    .clientAuthentication(c -> c.authenticationProviders(providers -> providers.forEach(p -> {
                        if (p instanceof ClientSecretAuthenticationProvider secrets) {
                            secrets.setPasswordEncoder(new ClientSecretEncoder());
                        }
                    })))
                    .oidc(oidc -> oidc.userInfoEndpoint(u -> u.userInfoMapper(claims::userInfo)));
        });
        http.addFilterBefore(new ClientIdFromAssertion(),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .securityContext(c -> c.securityContextRepository(IdpSession.contextRepository()))
                .requestCache(c -> c.requestCache(IdpSession.requestCache()))
                .sessionManagement(s -> s.sessionFixation(f -> f.none()))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(ProviderConfiguration::invalidClient,
                                PathPatternRequestMatcher.withDefaults().matcher("/oauth2/token"))
                        .defaultAuthenticationEntryPointFor(ProviderConfiguration::invalidClient,
                                PathPatternRequestMatcher.withDefaults().matcher("/oauth2/revoke"))
                        .defaultAuthenticationEntryPointFor(ProviderConfiguration::invalidClient,
                                PathPatternRequestMatcher.withDefaults().matcher("/oauth2/introspect"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
        return http.build();
    }
}
