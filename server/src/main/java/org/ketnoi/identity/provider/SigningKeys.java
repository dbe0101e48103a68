package org.ketnoi.identity.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider's signing keys, kept in the database so every node signs with the same key and a
 * restart keeps them. One key signs; retired keys stay in the published JWKS until every token they
 * signed has expired, so relying parties never meet a signature they cannot check. Keys are read
 * into memory and re-read every minute (another node may have rotated).
 */
public class SigningKeys {

    /** Longest life of a token signed by a key (ID and access tokens); retired keys stay this long. */
    static final Duration SIGNED_TOKEN_LIFE = Duration.ofHours(1);
    private static final Duration RELOAD = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration rotateAfter;
    private volatile Loaded loaded;

    record Loaded(RSAKey active, JWKSet published, Instant at) {
    }

    public SigningKeys(JdbcClient jdbc, TransactionTemplate tx, Duration rotateAfter) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rotateAfter = rotateAfter;
    }

    /** The key that signs new tokens (with its private part). */
    public JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(current().active()));
    }

    /** Every key a relying party may still meet, public parts only. */
    public JWKSource<SecurityContext> published() {
        return (JWKSelector selector, SecurityContext context) -> selector.select(current().published());
    }

    public String activeKeyId() {
        return current().active().getKeyID();
    }

    public List<String> publishedKeyIds() {
        return current().published().getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** Creates the first key, or a new one when the active key is older than the rotation period. */
    public void ensureKey() {
        tx.executeWithoutResult(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.signing_key'))").query().singleValue();
            Instant newest = jdbc.sql("select max(created_at) from identity.signing_key where retired_at is null")
                    .query(Instant.class).optional().orElse(null);
            if (newest == null || newest.plus(rotateAfter).isBefore(Instant.now())) {
                rotateInTransaction();
            }
        });
        reload();
    }

    /** Retires the active key and signs with a new one from now on. */
    public String rotate() {
        String kid = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.signing_key'))").query().singleValue();
            return rotateInTransaction();
        });
        reload();
        return kid;
    }

    private String rotateInTransaction() {
        jdbc.sql("update identity.signing_key set retired_at = now(), forget_after = now() + make_interval(secs => ?)"
                        + " where retired_at is null")
                .param(SIGNED_TOKEN_LIFE.toSeconds()).update();
        jdbc.sql("delete from identity.signing_key where forget_after < now()").update();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            jdbc.sql("insert into identity.signing_key(kid, algorithm, private_key, public_key) values (?, 'RS256', ?, ?)")
                    .params(kid, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded()).update();
            return kid;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Could not create a signing key", e);
        }
    }

    private Loaded current() {
        Loaded l = loaded;
        if (l == null || l.at().plus(RELOAD).isBefore(Instant.now())) {
            // Also where scheduled rotation happens: the first node to look after the period rotates.
            ensureKey();
            l = loaded;
        }
        return l;
    }

    private synchronized Loaded reload() {
        List<RSAKey> keys = jdbc.sql("""
                        select kid, private_key, public_key from identity.signing_key
                        where forget_after is null or forget_after > now()
                        order by retired_at is null desc, created_at desc""")
                .query((rs, n) -> key(rs.getString(1), rs.getBytes(2), rs.getBytes(3))).list();
        if (keys.isEmpty()) {
            throw new IllegalStateException("No signing key: ensureKey() runs at start-up");
        }
        Loaded l = new Loaded(keys.getFirst(), new JWKSet(keys.stream().map(k -> (JWK) k.toPublicJWK()).toList()),
                Instant.now());
        loaded = l;
        return l;
    }

    private static RSAKey key(String kid, byte[] privateKey, byte[] publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be read", e);
        }
    }

}
