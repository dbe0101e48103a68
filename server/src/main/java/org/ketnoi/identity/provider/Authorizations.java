package org.ketnoi.identity.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ketnoi.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The provider's authorizations (Spring's JDBC store), plus two things it does not do:
 * <ul>
 * <li>refresh-token reuse detection: when a rotated refresh token is presented again, one of its
 * two holders is a thief, so the whole authorization is revoked (OAuth 2.0 Security BCP §4.14);</li>
 * <li>revoked access tokens: a JWT is valid until it expires, so the platform's APIs check the
 * token id against the revoked ones, kept in memory and in the database for other nodes.</li>
 * </ul>
 */
public class Authorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(Authorizations.class);

    private final OAuth2AuthorizationService store;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private volatile Set<String> revoked = ConcurrentHashMap.newKeySet();
    /** Refresh tokens presented to a grant in progress, by authorization id, until the grant saves. */
    private final ConcurrentHashMap<String, String> presentedRefresh = new ConcurrentHashMap<>();
    private volatile Instant revokedLoaded = Instant.EPOCH;

    public Authorizations(OAuth2AuthorizationService store, JdbcClient jdbc, AuditTrail audit) {
        this.store = store;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        // A refresh grant looks its token up first (findByToken), so the token it replaces is known here
        // without reading the authorization again.
        String presented = presentedRefresh.remove(authorization.getId());
        if (presented != null && authorization.getRefreshToken() != null
                && !presented.equals(authorization.getRefreshToken().getToken().getTokenValue())) {
            jdbc.sql("insert into identity.rotated_refresh_token(token_hash, authorization_id) values (?, ?) "
                    + "on conflict do nothing")
                    .params(hash(presented), authorization.getId()).update();
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null && access.isInvalidated()) {
            Object jti = access.getClaims() == null ? null : access.getClaims().get("jti");
            if (jti != null && access.getToken().getExpiresAt() != null) {
                jdbc.sql("insert into identity.revoked_access_token(jti, expires_at) values (?, ?) on conflict do nothing")
                        .params(jti.toString(), java.sql.Timestamp.from(access.getToken().getExpiresAt())).update();
                revoked.add(jti.toString());
            }
        }
        store.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = store.findByToken(token, tokenType);
        if (found != null && OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            if (presentedRefresh.size() > 10_000) {
                presentedRefresh.clear();
            }
            presentedRefresh.put(found.getId(), token);
        }
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            String family = jdbc.sql("select authorization_id from identity.rotated_refresh_token where token_hash = ?")
                    .param(hash(token)).query(String.class).optional().orElse(null);
            if (family != null) {
                OAuth2Authorization stolen = store.findById(family);
                if (stolen != null) {
                    revokeAll(stolen);
                    store.remove(stolen);
                    log.warn("A rotated refresh token was presented again: authorization {} of client {} revoked",
                            family, stolen.getRegisteredClientId());
                    audit.record(new AuditTrail.Entry("system:oidc-provider", "-", "token.reuse-detected",
                            "authorization:" + family, AuditTrail.Outcome.REFUSED));
                }
            }
        }
        return found;
    }

    private void revokeAll(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access != null && access.getClaims() != null && access.getClaims().get("jti") != null
                && access.getToken().getExpiresAt() != null) {
            String jti = access.getClaims().get("jti").toString();
            jdbc.sql("insert into identity.revoked_access_token(jti, expires_at) values (?, ?) on conflict do nothing")
                    .params(jti, java.sql.Timestamp.from(access.getToken().getExpiresAt())).update();
            revoked.add(jti);
        }
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        if (refresh != null) {
            jdbc.sql("delete from identity.rotated_refresh_token where authorization_id = ?")
                    .param(authorization.getId()).update();
        }
    }

    /**
     * Ends every authorization of one principal (an account's id, as the provider names it): its
     * access tokens are revoked at once and its refresh tokens can no longer be used. For an
     * account that is disabled or whose roles change. Works on the rows themselves: the JDBC
     * store cannot read back tokens whose claims hold immutable lists ({@code List.copyOf}).
     */
    public void revokeAllOf(String principalName) {
        List<String> jtis = jdbc.sql("""
                        insert into identity.revoked_access_token(jti, expires_at)
                        select access_token_metadata::jsonb -> 'metadata.token.claims' ->> 'jti', access_token_expires_at
                        from oauth2_authorization
                        where principal_name = ? and access_token_expires_at > now()
                          and access_token_metadata::jsonb -> 'metadata.token.claims' ->> 'jti' is not null
                        on conflict do nothing
                        returning jti""")
                .param(principalName).query(String.class).list();
        revoked.addAll(jtis);
        jdbc.sql("delete from identity.rotated_refresh_token where authorization_id in "
                + "(select id from oauth2_authorization where principal_name = ?)").param(principalName).update();
        jdbc.sql("delete from oauth2_authorization where principal_name = ?").param(principalName).update();
    }

    /** Whether an access token (by its {@code jti}) was revoked before it expired. */
    public boolean isRevoked(String jti) {
        if (jti == null) {
            return false;
        }
        if (revokedLoaded.plusSeconds(5).isBefore(Instant.now())) {
            revokedLoaded = Instant.now();
            jdbc.sql("delete from identity.revoked_access_token where expires_at < now()").update();
            Set<String> fresh = ConcurrentHashMap.newKeySet();
            fresh.addAll(jdbc.sql("select jti from identity.revoked_access_token").query(String.class).list());
            revoked = fresh;
        }
        return revoked.contains(jti);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
