package org.ketnoi.identity.provider;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ketnoi.agency.Agency;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.credentials.ClientSecretEncoder;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.annotation.Transactional;

/**
 * The OAuth2 clients: agency systems (client credentials, with the agency they act for and their
 * roles) and relying parties (applications that sign citizens and officials in). Platform
 * administrators register any; agency administrators their own agency's systems.
 */
public class Clients {

    public static final Duration ACCESS_TOKEN_LIFE = Duration.ofMinutes(5);
    public static final Duration REFRESH_TOKEN_LIFE = Duration.ofHours(8);
    private static final Duration CACHE = Duration.ofSeconds(30);

    private final RegisteredClientRepository repository;
    private final JdbcClient jdbc;
    private final AgencyDirectory agencies;
    private final AuditTrail audit;
    private final ConcurrentHashMap<String, Cached> callers = new ConcurrentHashMap<>();

    private record Cached(Optional<Caller> caller, Instant until) {
    }

    /** How an agency system proves who it is at the token endpoint. */
    public enum Authentication {
        CLIENT_SECRET, PRIVATE_KEY_JWT
    }

    /** A client as the administrators' pages list it; {@code own} is one of the platform's own (not removable). */
    public record Summary(String clientId, String name, String kind, String agencyId, Set<String> roles,
            Set<String> scopes, Set<String> redirectUris, Instant issuedAt, boolean own) {
    }

    /** A new client; {@code secret} is shown once and never stored in clear. */
    public record Registered(String clientId, String secret) {
    }

    public Clients(RegisteredClientRepository repository, JdbcClient jdbc, AgencyDirectory agencies, AuditTrail audit) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.audit = audit;
    }

    /**
     * Registers an agency system. With {@link Authentication#PRIVATE_KEY_JWT} it signs its own
     * assertions and the provider reads its public keys from {@code jwkSetUrl}.
     */
    @Transactional
    public Registered registerSystem(String clientId, String name, AgencyId agency, Set<String> roles,
            Authentication method, String jwkSetUrl, Caller actor) {
        requireManages(actor, agency.value());
        requireClientId(clientId);
        requireName(name);
        Agency a = agencies.find(agency).orElseThrow(() -> InvalidInput.because("client.agency", "agency",
                "No agency has the identifier {0}", agency.value()));
        if (roles.isEmpty() || !Roles.SYSTEM_ROLES.containsAll(roles)) {
            throw InvalidInput.because("client.roles", "roles", "Choose one or more of the agency systems' roles");
        }
        Set<String> scopes = new LinkedHashSet<>();
        Claims.SYSTEM_SCOPES.forEach((scope, role) -> {
            if (roles.contains(role)) {
                scopes.add(scope);
            }
        });
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
                .clientName(name).authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFE).build());
        String secret = null;
        if (method == Authentication.PRIVATE_KEY_JWT) {
            requireHttpUrl(jwkSetUrl, "jwkSetUrl");
            b.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .clientSettings(ClientSettings.builder().jwkSetUrl(jwkSetUrl)
                            .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256).build());
        } else {
            secret = ClientSecretEncoder.newSecret();
            b.clientSecret(new ClientSecretEncoder().encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        repository.save(b.build());
        jdbc.sql("insert into identity.system_client(client_id, agency_id, roles, created_by) values (?, ?, ?, ?)")
                .params(clientId, a.id().value(), roles.toArray(String[]::new), actor.username()).update();
        audit.record(new AuditTrail.Entry(actor.username(), actor.agencyId() == null ? "-" : actor.agencyId(),
                "client.register", "client:" + clientId, AuditTrail.Outcome.SUCCESS));
        return new Registered(clientId, secret);
    }

    /**
     * Registers a relying party: an application that signs people in with the authorization code
     * flow. A public client (no secret: a mobile or single-page application) must use PKCE; the
     * personal ID number scope is granted only when {@code personalId} is set.
     */
    @Transactional
    public Registered registerRelyingParty(String clientId, String name, Collection<String> redirectUris,
            Collection<String> postLogoutRedirectUris, boolean publicClient, boolean personalId, Caller actor) {
        if (!actor.hasRole(Roles.PLATFORM_ADMIN)) {
            throw new AccessDeniedException("Only platform administrators register relying parties");
        }
        requireClientId(clientId);
        requireName(name);
        if (redirectUris.isEmpty()) {
            throw InvalidInput.because("client.redirect", "redirectUris", "At least one redirect URI is needed");
        }
        redirectUris.forEach(u -> requireRedirect(u, "redirectUris"));
        postLogoutRedirectUris.forEach(u -> requireRedirect(u, "postLogoutRedirectUris"));
        RegisteredClient.Builder b = relyingParty(clientId, name, redirectUris, postLogoutRedirectUris, publicClient,
                personalId, false);
        String secret = null;
        if (!publicClient) {
            secret = ClientSecretEncoder.newSecret();
            b.clientSecret(new ClientSecretEncoder().encode(secret));
        }
        repository.save(b.build());
        audit.record(new AuditTrail.Entry(actor.username(), actor.agencyId() == null ? "-" : actor.agencyId(),
                "client.register", "client:" + clientId, AuditTrail.Outcome.SUCCESS));
        return new Registered(clientId, secret);
    }

    static RegisteredClient.Builder relyingParty(String clientId, String name, Collection<String> redirectUris,
            Collection<String> postLogoutRedirectUris, boolean publicClient, boolean personalId, boolean firstParty) {
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
                .clientName(name)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(u -> u.addAll(redirectUris))
                .postLogoutRedirectUris(u -> u.addAll(postLogoutRedirectUris))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL).scope(OidcScopes.PHONE)
                .clientSettings(ClientSettings.builder().requireProofKey(publicClient)
                        .requireAuthorizationConsent(!firstParty).setting(Subjects.FIRST_PARTY, firstParty).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFE)
                        .refreshTokenTimeToLive(REFRESH_TOKEN_LIFE).reuseRefreshTokens(false)
                        // RS256 is what relying parties expect by default; the platform's own clients take ES256.
                        .idTokenSignatureAlgorithm(firstParty ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256)
                        .build());
        if (personalId) {
            b.scope(Claims.PERSONAL_ID_SCOPE);
        }
        if (publicClient) {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            b.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        return b;
    }

    /** Removes a client: no new tokens, and every token it holds is revoked. */
    @Transactional
    public void remove(String clientId, Caller actor) {
        RegisteredClient client = repository.findByClientId(clientId);
        if (client == null) {
            throw new NotFound("No client " + clientId);
        }
        String agency = jdbc.sql("select agency_id from identity.system_client where client_id = ?").param(clientId)
                .query(String.class).optional().orElse(null);
        if (agency == null ? !actor.hasRole(Roles.PLATFORM_ADMIN) : !manages(actor, agency)) {
            throw new AccessDeniedException("Only the client's administrators may remove it");
        }
        if (Subjects.firstParty(client)) {
            throw InvalidInput.because("client.own", "clientId", "The platform's own clients cannot be removed");
        }
        jdbc.sql("delete from oauth2_authorization where registered_client_id = ?").param(client.getId()).update();
        jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ?").param(client.getId())
                .update();
        jdbc.sql("delete from identity.system_client where client_id = ?").param(clientId).update();
        jdbc.sql("delete from oauth2_registered_client where id = ?").param(client.getId()).update();
        callers.remove(clientId);
        if (repository instanceof CachedClients cached) {
            cached.forget(client);
        }
        audit.record(new AuditTrail.Entry(actor.username(), actor.agencyId() == null ? "-" : actor.agencyId(),
                "client.remove", "client:" + clientId, AuditTrail.Outcome.SUCCESS));
    }

    /** The caller an agency system's token acts as; cached briefly, the token endpoint asks on every grant. */
    public Optional<Caller> caller(String clientId) {
        Cached c = callers.get(clientId);
        if (c != null && c.until().isAfter(Instant.now())) {
            return c.caller();
        }
        record Row(String agency, Set<String> roles, String name) {
        }
        // The agency is looked up after the row is read: inside the row mapper it would need a second
        // pooled connection while holding the first, and under load the pool deadlocks.
        Optional<Caller> caller = jdbc.sql("select c.agency_id, c.roles, r.client_name from identity.system_client c "
                        + "join oauth2_registered_client r on r.client_id = c.client_id where c.client_id = ?")
                .param(clientId)
                .query((rs, n) -> new Row(rs.getString(1), Set.of((String[]) rs.getArray(2).getArray()),
                        rs.getString(3)))
                .optional()
                .map(row -> {
                    Agency a = agencies.agency(new AgencyId(row.agency()));
                    return new Caller(clientId, row.name(), Caller.Kind.SYSTEM, a.id().value(),
                            a.province().map(Object::toString).orElse(null),
                            a.commune().map(Object::toString).orElse(null), row.roles());
                });
        if (caller.isPresent()) {
            callers.put(clientId, new Cached(caller, Instant.now().plus(CACHE)));
        }
        return caller;
    }

    /** The clients an administrator may see: all for the platform's, their agency's systems for an agency's. */
    public List<Summary> visibleTo(Caller actor) {
        List<Summary> out = new ArrayList<>();
        jdbc.sql("""
                        select r.client_id, r.client_name, r.authorization_grant_types, r.scopes, r.redirect_uris,
                               r.client_id_issued_at, s.agency_id, s.roles
                        from oauth2_registered_client r left join identity.system_client s on s.client_id = r.client_id
                        order by r.client_id_issued_at desc""")
                .query((rs, n) -> {
                    String agency = rs.getString("agency_id");
                    if (actor.hasRole(Roles.PLATFORM_ADMIN) || agency != null && manages(actor, agency)) {
                        java.sql.Array roles = rs.getArray("roles");
                        out.add(new Summary(rs.getString("client_id"), rs.getString("client_name"),
                                agency != null ? "SYSTEM" : "RELYING_PARTY", agency,
                                roles == null ? Set.of() : Set.of((String[]) roles.getArray()),
                                split(rs.getString("scopes")), split(rs.getString("redirect_uris")),
                                rs.getTimestamp("client_id_issued_at").toInstant(), false));
                    }
                    return null;
                }).list();
        // Read after the query: a lookup inside the row mapper would hold a second pooled connection.
        return out.stream().map(c -> {
            RegisteredClient client = repository.findByClientId(c.clientId());
            return client != null && Subjects.firstParty(client) ? new Summary(c.clientId(), c.name(), c.kind(),
                    c.agencyId(), c.roles(), c.scopes(), c.redirectUris(), c.issuedAt(), true) : c;
        }).toList();
    }

    private static Set<String> split(String csv) {
        Set<String> s = new LinkedHashSet<>();
        if (csv != null) {
            for (String part : csv.split(",")) {
                if (!part.isBlank()) {
                    s.add(part.strip());
                }
            }
        }
        return s;
    }

    private static boolean manages(Caller actor, String agency) {
        return actor.hasRole(Roles.PLATFORM_ADMIN) || actor.hasRole(Roles.AGENCY_ADMIN) && agency.equals(actor.agencyId());
    }

    private static void requireManages(Caller actor, String agency) {
        if (!manages(actor, agency)) {
            throw new AccessDeniedException("Only platform administrators, or the agency's own, register its systems");
        }
    }

    private void requireClientId(String clientId) {
        if (clientId == null || !clientId.matches("[a-z][a-z0-9.-]{2,63}")) {
            throw InvalidInput.because("client.id", "clientId", "A client id has 3 to 64 lower-case letters, digits, "
                    + "dots or hyphens and starts with a letter");
        }
        if (repository.findByClientId(clientId) != null) {
            throw InvalidInput.because("client.id-taken", "clientId", "The client id {0} is taken", clientId);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw InvalidInput.because("client.name", "name", "A name of 1 to 200 characters is needed");
        }
    }

    /** Redirect URIs are compared exactly; HTTPS is required except for a loopback address (RFC 8252). */
    private static void requireRedirect(String uri, String field) {
        URI u;
        try {
            u = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw InvalidInput.because("client.redirect-uri", field, "Not a URI: {0}", uri);
        }
        boolean loopback = "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost())
                || "localhost".equals(u.getHost()) || "[::1]".equals(u.getHost()));
        if (!("https".equals(u.getScheme()) || loopback) || u.getFragment() != null || u.getHost() == null) {
            throw InvalidInput.because("client.redirect-uri", field,
                    "A redirect URI is an absolute https URI without a fragment (http only on loopback): {0}", uri);
        }
    }

    private static void requireHttpUrl(String url, String field) {
        try {
            URI u = new URI(url);
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                throw new java.net.URISyntaxException(url, "not http(s)");
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw InvalidInput.because("client.jwks-url", field, "The JWK set URL must be an http(s) URL");
        }
    }
}
