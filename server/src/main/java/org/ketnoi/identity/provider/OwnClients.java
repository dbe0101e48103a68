package org.ketnoi.identity.provider;

import java.util.List;
import org.ketnoi.identity.credentials.ClientSecretEncoder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal is a client of the provider like any other: it is registered in the provider's client
 * store, and it signs people in with the authorization code flow (PKCE included) through Spring
 * Security's OAuth2 client. Its secret is created once and kept in the database, so every node and
 * every restart present the same one. The browser is sent to the provider on the host it used;
 * the code is exchanged over loopback.
 */
public class OwnClients implements ClientRegistrationRepository {

    public static final String PORTAL = "ketnoi-portal";
    /**
     * The platform's own native client (command-line tools, mobile apps of officials): public, PKCE,
     * a loopback redirect on any port (RFC 8252).
     */
    public static final String NATIVE = "ketnoi-cli";

    private final RegisteredClientRepository repository;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Environment environment;
    private final String publicUrl;
    private volatile ClientRegistration portal;

    public OwnClients(RegisteredClientRepository repository, JdbcClient jdbc, TransactionTemplate tx,
            Environment environment, String publicUrl) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.tx = tx;
        this.environment = environment;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** The platform's own clients exist from the start, not only once someone opens the portal's sign-in. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void registerAtStart() {
        portal();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return PORTAL.equals(registrationId) ? portal() : null;
    }

    private ClientRegistration portal() {
        ClientRegistration p = portal;
        if (p == null) {
            p = register();
            portal = p;
        }
        return p;
    }

    private synchronized ClientRegistration register() {
        if (portal != null) {
            return portal;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String loopback = "http://127.0.0.1:" + port;
        java.util.Set<String> bases = new java.util.LinkedHashSet<>();
        if (!publicUrl.isBlank()) {
            bases.add(publicUrl);
        }
        bases.add("http://localhost:" + port);
        bases.add(loopback);
        String secret = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.own_client'))").query().singleValue();
            String kept = jdbc.sql("select secret from identity.own_client where client_id = ?").param(PORTAL)
                    .query(String.class).optional().orElse(null);
            RegisteredClient existing = repository.findByClientId(PORTAL);
            String secretNow = kept != null && existing != null ? kept : ClientSecretEncoder.newSecret();
            // Saved on every start: the addresses the portal answers on may have changed (port, public URL).
            RegisteredClient.Builder client = Clients.relyingParty(PORTAL, "Cổng dịch vụ công Ketnoi",
                    bases.stream().map(b -> b + "/login/oauth2/code/" + PORTAL).toList(),
                    bases.stream().map(b -> b + "/").toList(), false, false, true)
                    .clientSecret(new ClientSecretEncoder().encode(secretNow));
            if (existing != null) {
                client.id(existing.getId()).clientIdIssuedAt(existing.getClientIdIssuedAt());
            }
            repository.save(client.build());
            jdbc.sql("insert into identity.own_client(client_id, secret) values (?, ?) "
                    + "on conflict (client_id) do update set secret = excluded.secret").params(PORTAL, secretNow)
                    .update();
            return secretNow;
        });
        tx.executeWithoutResult(s -> {
            if (repository.findByClientId(NATIVE) == null) {
                repository.save(Clients.relyingParty(NATIVE, "Ketnoi CLI", List.of("http://127.0.0.1/callback"),
                        List.of("http://127.0.0.1/signed-out"), true, false, true)
                        .authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.REFRESH_TOKEN)
                        .build());
            }
        });
        String browser = publicUrl.isBlank() ? "" : publicUrl;
        return ClientRegistration.withRegistrationId(PORTAL)
                .clientId(PORTAL).clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .authorizationUri(browser + "/oauth2/authorize")
                .tokenUri(loopback + "/oauth2/token")
                .jwkSetUri(loopback + "/oauth2/jwks")
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientName("Ketnoi")
                .build();
    }
}
