package org.ketnoi.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.ketnoi.identity.provider.Authorizations;
import org.ketnoi.identity.provider.Claims;
import org.ketnoi.identity.provider.OwnClients;
import org.ketnoi.identity.signin.IdpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three chains after the provider's own (order 0, in the provider package):
 * <ul>
 * <li>APIs: bearer tokens from the provider (agency systems' client-credentials tokens, and the
 * platform's own clients' tokens for people); stateless, no CSRF;</li>
 * <li>pages: the portal signs people in through the provider with OpenID Connect, like any
 * client, and keeps the resulting {@link Caller} in the web session.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "bearer",
        type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class SecurityConfiguration {

    /**
     * Without a session the token lives in a cookie, which must be set before a page starts
     * streaming; a deferred token would be created mid-render, after the headers are gone.
     */
    private static org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler eagerCsrfToken() {
        var handler = new org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler();
        handler.setCsrfRequestAttributeName(null);
        return handler;
    }

    /**
     * Spring Security renews the CSRF token on each sign-in; a second tab would then invalidate the
     * form open in the first. The token is kept instead (clearing requests are ignored); it is still
     * random per browser and checked on every form.
     */
    record StableCsrfCookie(org.springframework.security.web.csrf.CsrfTokenRepository delegate)
            implements org.springframework.security.web.csrf.CsrfTokenRepository {

        @Override
        public org.springframework.security.web.csrf.CsrfToken generateToken(HttpServletRequest request) {
            return delegate.generateToken(request);
        }

        @Override
        public void saveToken(org.springframework.security.web.csrf.CsrfToken token, HttpServletRequest request,
                HttpServletResponse response) {
            if (token != null) {
                delegate.saveToken(token, request, response);
            }
        }

        @Override
        public org.springframework.security.web.csrf.CsrfToken loadToken(HttpServletRequest request) {
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

    @Bean
    OwnClients ownClients(RegisteredClientRepository repository, JdbcClient jdbc, TransactionTemplate tx,
            Environment environment, @Value("${ketnoi.public-url:}") String publicUrl) {
        return new OwnClients(repository, jdbc, tx, environment, publicUrl);
    }

    /** The portal's own ID tokens are ES256 (see SigningKeys); other providers' defaults do not apply here. */
    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoderFactory<org.springframework.security.oauth2.client.registration.ClientRegistration>
            idTokenDecoderFactory() {
        var factory = new org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory();
        factory.setJwsAlgorithmResolver(registration ->
                org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256);
        return factory;
    }

    /** A bearer token becomes a {@link Caller}: from its claims, without a database round trip. */
    static Converter<Jwt, AbstractAuthenticationToken> bearerCaller(Authorizations authorizations) {
        return jwt -> {
            if (authorizations.isRevoked(jwt.getId())) {
                throw new InvalidBearerTokenException("The access token was revoked");
            }
            String kind = jwt.getClaimAsString(Claims.KIND);
            if (kind == null) {
                // A relying party's token for a person: good for userinfo, not for the platform's APIs.
                return new UsernamePasswordAuthenticationToken(jwt.getSubject(), jwt, List.of());
            }
            List<String> roles = jwt.getClaimAsStringList(Claims.ROLES);
            String username = Caller.Kind.SYSTEM.name().equals(kind) ? jwt.getSubject()
                    : jwt.getClaimAsString("preferred_username");
            Caller caller = new Caller(username, jwt.getClaimAsString(Claims.NAME), Caller.Kind.valueOf(kind),
                    jwt.getClaimAsString(Claims.AGENCY), jwt.getClaimAsString(Claims.PROVINCE),
                    jwt.getClaimAsString(Claims.COMMUNE), roles == null ? Set.of() : Set.copyOf(roles));
            return UsernamePasswordAuthenticationToken.authenticated(caller, jwt, authorities(caller));
        };
    }

    /** Held by every authentication whose principal is a {@link Caller}: what the platform's APIs require. */
    static final String CALLER = "CALLER";

    static Collection<? extends GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(CALLER));
        caller.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        return authorities;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, Authorizations authorizations) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/population/**", "/api/v1/identity/**", "/api/v1/dossiers/**",
                                "/api/v1/desk/**", "/api/v1/uploads/**").hasAuthority(CALLER)
                        .anyRequest().permitAll())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(bearerCaller(authorizations))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    /**
     * After the portal's OpenID Connect sign-in, the session holds the {@link Caller} the ID token
     * describes (principal of every page request), not the raw OIDC user.
     */
    static SavedRequestAwareAuthenticationSuccessHandler portalSignedIn() {
        var handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                    org.springframework.security.core.Authentication authentication)
                    throws jakarta.servlet.ServletException, java.io.IOException {
                OidcUser user = (OidcUser) authentication.getPrincipal();
                List<String> roles = user.getClaimAsStringList(Claims.ROLES);
                Caller caller = new Caller(user.getClaimAsString("preferred_username"),
                        user.getClaimAsString(Claims.NAME), Caller.Kind.valueOf(user.getClaimAsString(Claims.KIND)),
                        user.getClaimAsString(Claims.AGENCY), user.getClaimAsString(Claims.PROVINCE),
                        user.getClaimAsString(Claims.COMMUNE), roles == null ? Set.of() : Set.copyOf(roles));
                var signedIn = UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities(caller));
                signedIn.setDetails(new PortalSession(user.getIdToken().getTokenValue()));
                new HttpSessionSecurityContextRepository().saveContext(new SecurityContextImpl(signedIn), request,
                        response);
                org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .setAuthentication(signedIn);
                super.onAuthenticationSuccess(request, response, signedIn);
            }
        };
        handler.setDefaultTargetUrl("/account");
        return handler;
    }

    /** What the portal keeps of its sign-in beyond the caller: the ID token, for signing out at the provider. */
    record PortalSession(String idToken) implements java.io.Serializable {
    }

    @Bean
    @Order(2)
    SecurityFilterChain platformSecurity(HttpSecurity http, ClientRegistrationRepository registrations)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/registry/**", "/account/**", "/admin/**", "/dossiers/**", "/desk/**", "/inbox/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .loginPage(IdpSession.PORTAL_LOGIN)
                        .successHandler(portalSignedIn()))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint(IdpSession.PORTAL_LOGIN)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(csrf -> csrf.csrfTokenRepository(new StableCsrfCookie(new CookieCsrfTokenRepository()))
                        .csrfTokenRequestHandler(eagerCsrfToken()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "form-action 'self'; frame-ancestors 'none'")))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/?signedOut"));
        return http.build();
    }
}
