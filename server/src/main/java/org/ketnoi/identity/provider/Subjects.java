package org.ketnoi.identity.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The {@code sub} a client receives for an account. The platform's own clients receive the
 * account's opaque id; every other client a pairwise identifier (OpenID Connect Core §8.1): an HMAC
 * of its sector (the host of its redirect URIs) and the account, so two agencies cannot join their
 * users by subject, and neither ever sees the personal ID number as a subject.
 */
public class Subjects {

    /** Client setting: the platform's own client (no consent, receives the opaque account id). */
    public static final String FIRST_PARTY = "ketnoi.first-party";
    /** Client setting: the sector identifier, when a client's redirect URIs span several hosts. */
    public static final String SECTOR = "ketnoi.sector";

    private final byte[] salt;

    public Subjects(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into identity.provider_secret(name, value) values ('pairwise-salt', ?) on conflict do nothing")
                .param(fresh).update();
        this.salt = jdbc.sql("select value from identity.provider_secret where name = 'pairwise-salt'")
                .query(byte[].class).single();
    }

    public static boolean firstParty(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(FIRST_PARTY));
    }

    public String subject(RegisteredClient client, UUID account) {
        if (firstParty(client)) {
            return account.toString();
        }
        return pairwise(sector(client), account);
    }

    String pairwise(String sector, UUID account) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] digest = mac.doFinal((sector + '|' + account).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sector(RegisteredClient client) {
        Object configured = client.getClientSettings().getSetting(SECTOR);
        if (configured instanceof String s && !s.isBlank()) {
            return s;
        }
        return client.getRedirectUris().stream().findFirst().map(u -> URI.create(u).getHost())
                .orElse(client.getClientId());
    }
}
