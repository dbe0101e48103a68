package org.ketnoi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.provider.Clients;
import org.ketnoi.identity.provider.OwnClients;
import org.ketnoi.identity.signin.SecondFactors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Access tokens for API tests, obtained the way real callers obtain them: agency systems with the
 * client-credentials grant, officials through the authorization code flow with PKCE on the
 * platform's native client (signing in with password and TOTP on the provider's pages).
 */
public final class TestTokens {

    private static final Caller PLATFORM = new Caller("test:platform-admin", "Test", Caller.Kind.OFFICIAL, null,
            null, null, Set.of(Roles.PLATFORM_ADMIN));
    private static final Map<String, String> OFFICIAL_TOKENS = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    /** Registers an agency system and returns its client secret. */
    public static String registerSystem(Clients clients, String clientId, String agency, Set<String> roles) {
        return clients.registerSystem(clientId, "Test system " + clientId, AgencyId.parse(agency), roles,
                Clients.Authentication.CLIENT_SECRET, null, PLATFORM).secret();
    }

    public static HttpResponse<String> clientCredentials(int port, String clientId, String secret, String scope)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ProviderBrowser.encode(Map.of("grant_type",
                        "client_credentials", "scope", scope)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String systemToken(int port, String clientId, String secret, String scope) throws Exception {
        HttpResponse<String> r = clientCredentials(port, clientId, secret, scope);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body(), "access_token");
    }

    /** Gives an official an authenticator secret (as enrolment would) and returns it. */
    public static String enrolTotp(JdbcClient jdbc, String username) {
        String secret = SecondFactors.newSecret();
        jdbc.sql("update identity.account set totp_secret = ?, totp_enabled_at = now(), totp_last_step = 0 "
                + "where username = ?").params(secret, username).update();
        return secret;
    }

    /** An official's access token, through the sign-in pages; kept per official (a TOTP step works once). */
    public static String officialToken(int port, JdbcClient jdbc, String username, String password) {
        return OFFICIAL_TOKENS.computeIfAbsent(username + "@" + port, k -> {
            try {
                String secret = jdbc.sql("select totp_secret from identity.account where username = ?")
                        .param(username).query(String.class).optional().orElse(null);
                if (secret == null) {
                    secret = enrolTotp(jdbc, username);
                }
                return codeFlow(new ProviderBrowser(port), username, password, secret).accessToken();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public record Tokens(String accessToken, String refreshToken, String idToken, String raw) {
    }

    /** The authorization code flow with PKCE on the native client, from sign-in to tokens. */
    public static Tokens codeFlow(ProviderBrowser browser, String username, String password, String totp)
            throws Exception {
        ProviderBrowser.Pkce pkce = ProviderBrowser.Pkce.create();
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + OwnClients.NATIVE
                + "&scope=openid%20profile&redirect_uri=http://127.0.0.1/callback&state=st&code_challenge="
                + pkce.challenge() + "&code_challenge_method=S256";
        HttpResponse<String> r = browser.get(authorize);
        assertThat(ProviderBrowser.location(r)).endsWith("/signin");
        r = browser.follow(browser.signIn(username, password, totp));
        assertThat(ProviderBrowser.location(r)).as(r.body()).startsWith("http://127.0.0.1/callback?code=");
        String code = ProviderBrowser.param(ProviderBrowser.location(r), "code");
        HttpResponse<String> token = browser.post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", "http://127.0.0.1/callback", "client_id", OwnClients.NATIVE,
                "code_verifier", pkce.verifier()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return new Tokens(json(token.body(), "access_token"), json(token.body(), "refresh_token"),
                json(token.body(), "id_token"), token.body());
    }

    /** A string field of a flat JSON object (enough for token responses). */
    public static String json(String body, String field) {
        var node = new tools.jackson.databind.ObjectMapper().readTree(body).get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    static Instant now() {
        return Instant.now();
    }
}
