package org.ketnoi.identity.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
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
 * restart keeps them. Two keys sign: an RSA key (RS256, what OpenID Connect relying parties expect of
 * ID tokens by default) and a P-256 key (ES256, for access tokens and the platform's own clients'
 * ID tokens: an ECDSA signature costs a small fraction of an RSA-2048 one, and the token endpoint
 * spends most of its time signing). Retired keys stay in the published JWKS until every token they
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
    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();

    /** Algorithms that sign, one active key each. */
    static final List<String> ALGORITHMS = List.of("RS256", "ES256");

    record Loaded(JWKSet active, JWK accessTokenKey, JWKSet published, Instant at) {
    }

    public SigningKeys(JdbcClient jdbc, TransactionTemplate tx, Duration rotateAfter) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rotateAfter = rotateAfter;
    }

    /** The keys that sign new tokens (with their private parts), one per algorithm. */
    public JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(current().active());
    }

    /** Every key a relying party may still meet, public parts only. */
    public JWKSource<SecurityContext> published() {
        return (JWKSelector selector, SecurityContext context) -> selector.select(current().published());
    }

    /** The key id that signs access tokens now. */
    public String activeKeyId() {
        return current().accessTokenKey().getKeyID();
    }

    public List<String> publishedKeyIds() {
        return current().published().getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** Creates the first key, or a new one when the active key is older than the rotation period. */
    public void ensureKey() {
        tx.executeWithoutResult(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.signing_key'))").query().singleValue();
            Instant oldest = jdbc.sql("""
                            select min(newest) from (select a.alg, max(k.created_at) as newest
                              from unnest(?::text[]) as a(alg)
                              left join identity.signing_key k on k.algorithm = a.alg and k.retired_at is null
                              group by a.alg) n""")
                    .param(ALGORITHMS.toArray(String[]::new)).query(Instant.class).optional().orElse(null);
            if (oldest == null || oldest.plus(rotateAfter).isBefore(Instant.now())) {
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
            String accessKid = null;
            for (String alg : ALGORITHMS) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RS256".equals(alg) ? "RSA" : "EC");
                if ("RS256".equals(alg)) {
                    generator.initialize(2048);
                } else {
                    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
                }
                KeyPair pair = generator.generateKeyPair();
                String kid = UUID.randomUUID().toString();
                jdbc.sql("insert into identity.signing_key(kid, algorithm, private_key, public_key) values (?, ?, ?, ?)")
                        .params(kid, alg, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded()).update();
                if ("ES256".equals(alg)) {
                    accessKid = kid;
                }
            }
            return accessKid;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Could not create a signing key", e);
        }
    }

    private Loaded current() {
        Loaded l = loaded;
        if (l == null) {
            ensureKey();
            return loaded;
        }
        // Also where scheduled rotation happens: the first node to look after the period rotates.
        // One caller re-reads; the others go on with the keys they have, never waiting on the database.
        if (l.at().plus(RELOAD).isBefore(Instant.now()) && reloading.compareAndSet(false, true)) {
            try {
                ensureKey();
            } finally {
                reloading.set(false);
            }
        }
        return loaded;
    }

    private synchronized Loaded reload() {
        record Row(JWK key, boolean active) {
        }
        List<Row> keys = jdbc.sql("""
                        select kid, algorithm, private_key, public_key, retired_at is null from identity.signing_key
                        where forget_after is null or forget_after > now()
                        order by retired_at is null desc, created_at desc""")
                .query((rs, n) -> new Row(key(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)),
                        rs.getBoolean(5))).list();
        List<JWK> active = new java.util.ArrayList<>();
        for (String alg : ALGORITHMS) {
            keys.stream().filter(r -> r.active() && r.key().getAlgorithm().getName().equals(alg)).findFirst()
                    .ifPresent(r -> active.add(r.key()));
        }
        if (active.size() < ALGORITHMS.size()) {
            throw new IllegalStateException("No signing key: ensureKey() runs at start-up");
        }
        JWK accessTokenKey = active.stream().filter(k -> "ES256".equals(k.getAlgorithm().getName())).findFirst()
                .orElseThrow();
        Loaded l = new Loaded(new JWKSet(active), accessTokenKey,
                new JWKSet(keys.stream().map(r -> r.key().toPublicJWK()).toList()), Instant.now());
        loaded = l;
        return l;
    }

    private static JWK key(String kid, String algorithm, byte[] privateKey, byte[] publicKey) {
        try {
            if ("ES256".equals(algorithm)) {
                KeyFactory factory = KeyFactory.getInstance("EC");
                return new ECKey.Builder(Curve.P_256,
                        (java.security.interfaces.ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)))
                        .privateKey((java.security.interfaces.ECPrivateKey) factory.generatePrivate(
                                new PKCS8EncodedKeySpec(privateKey)))
                        .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
            }
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be read", e);
        }
    }

}
