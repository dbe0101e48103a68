package org.ketnoi.identity.provider;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What each token and the userinfo endpoint say about an account: only the claims of the scopes the
 * client was granted, the personal ID number only under its own scope, and the platform's own
 * claims (kind, agency, roles) only to the platform's own clients and to agency systems' tokens,
 * which the platform's APIs read to know the caller without a database round trip.
 */
public class Claims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The scope that releases the personal ID number; registered only for clients allowed it. */
    public static final String PERSONAL_ID_SCOPE = "personal_id";
    public static final String PERSONAL_ID_CLAIM = "personal_id_number";
    public static final String KIND = "ketnoi_kind";
    public static final String AGENCY = "ketnoi_agency";
    public static final String PROVINCE = "ketnoi_province";
    public static final String COMMUNE = "ketnoi_commune";
    public static final String ROLES = "ketnoi_roles";
    public static final String NAME = "name";
    /** Authority names the sign-in gives, one per factor used; they become the {@code amr} claim. */
    public static final String AMR_PREFIX = "amr:";

    /** Scopes an agency system may hold, and the role each one grants within the client's roles. */
    public static final Map<String, String> SYSTEM_SCOPES = Map.of(
            "population.verify", Roles.REGISTRY_VERIFIER,
            "population.read", Roles.REGISTRY_READER,
            "population.import", Roles.REGISTRY_IMPORTER);

    private final Accounts accounts;
    private final Clients systems;
    private final Subjects subjects;
    private final RegisteredClientRepository clients;

    public Claims(Accounts accounts, Clients systems, Subjects subjects, RegisteredClientRepository clients) {
        this.accounts = accounts;
        this.systems = systems;
        this.subjects = subjects;
        this.clients = clients;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        RegisteredClient client = context.getRegisteredClient();
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            systems.caller(client.getClientId()).ifPresent(caller -> {
                Set<String> granted = new LinkedHashSet<>();
                for (String scope : context.getAuthorizedScopes()) {
                    String role = SYSTEM_SCOPES.get(scope);
                    if (role != null && caller.roles().contains(role)) {
                        granted.add(role);
                    }
                }
                context.getClaims().claims(c -> putCaller(c, caller, granted));
            });
            return;
        }
        Authentication principal = context.getPrincipal();
        UUID accountId = UUID.fromString(principal.getName());
        Account account = accounts.byId(accountId).orElseThrow();
        String subject = subjects.subject(client, accountId);
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        if (!idToken && !accessToken) {
            return;
        }
        List<String> amr = principal.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(AMR_PREFIX)).map(a -> a.substring(AMR_PREFIX.length()))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        context.getClaims().claims(c -> {
            c.put("sub", subject);
            if (idToken) {
                c.putAll(userClaims(account, context.getAuthorizedScopes(), Subjects.firstParty(client)));
                if (!amr.isEmpty()) {
                    c.put("amr", amr);
                }
            }
            if (Subjects.firstParty(client)) {
                Caller caller = accounts.caller(account);
                putCaller(c, caller, caller.roles());
                c.put("preferred_username", account.username());
                c.put(NAME, account.displayName());
            }
        });
    }

    private static void putCaller(Map<String, Object> c, Caller caller, Set<String> roles) {
        c.put(KIND, caller.kind().name());
        // An ArrayList, not List.copyOf: the claims are stored with the authorization, and the JDBC store's
        // Jackson allow-list reads back ArrayList but refuses ImmutableCollections$ListN (refresh, introspection
        // and revocation then answered 500). The same holds for the amr list above.
        c.put(ROLES, new java.util.ArrayList<>(roles));
        c.put(NAME, caller.displayName());
        if (caller.agencyId() != null) {
            c.put(AGENCY, caller.agencyId());
        }
        if (caller.provinceCode() != null) {
            c.put(PROVINCE, caller.provinceCode());
        }
        if (caller.communeCode() != null) {
            c.put(COMMUNE, caller.communeCode());
        }
    }

    /** The userinfo endpoint: the same claims as the ID token, under the same subject. */
    public OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
        UUID accountId = UUID.fromString(authorization.getPrincipalName());
        Account account = accounts.byId(accountId).orElseThrow();
        Map<String, Object> claims = new HashMap<>(userClaims(account, context.getAccessToken().getScopes(),
                Subjects.firstParty(client)));
        claims.put("sub", subjects.subject(client, accountId));
        return new OidcUserInfo(claims);
    }

    static Map<String, Object> userClaims(Account account, Set<String> scopes, boolean firstParty) {
        Map<String, Object> c = new HashMap<>();
        if (scopes.contains(OidcScopes.PROFILE)) {
            c.put(NAME, account.displayName());
            if (account.birthDate() != null) {
                c.put("birthdate", account.birthDate());
            }
            c.put("locale", "vi-VN");
        }
        if (scopes.contains(OidcScopes.EMAIL) && account.email() != null) {
            c.put("email", account.email());
            c.put("email_verified", account.emailConfirmed());
        }
        if (scopes.contains(OidcScopes.PHONE) && account.phone() != null) {
            c.put("phone_number", account.phone());
            c.put("phone_number_verified", false);
        }
        if (scopes.contains(PERSONAL_ID_SCOPE) && account.idNumber() != null) {
            c.put(PERSONAL_ID_CLAIM, account.idNumber());
        }
        return c;
    }
}
