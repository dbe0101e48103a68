package org.ketnoi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.provider.Clients;
import org.ketnoi.identity.provider.SigningKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The provider as relying parties meet it. The code flows are driven by the Nimbus OAuth 2.0 /
 * OpenID Connect SDK, a certified-grade library independent of Spring: discovery, PKCE, the token
 * request, ID token validation against the published keys, userinfo. Nothing is special-cased.
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcProviderIT {

    private static final String PASSWORD = "a long and private passphrase 7";
    private static final Caller PLATFORM = new Caller("test:platform-admin", "Test", Caller.Kind.OFFICIAL, null,
            null, null, Set.of(Roles.PLATFORM_ADMIN));
    private static final URI CALLBACK = URI.create("https://rp.example.vn/callback");

    @LocalServerPort
    int port;
    @Autowired
    Clients clients;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    SigningKeys keys;

    private OIDCProviderMetadata provider;
    private String rpSecret;
    private Account citizen;

    @BeforeAll
    void providerAndRelyingParty() throws Exception {
        provider = OIDCProviderMetadata.resolve(new Issuer("http://127.0.0.1:" + port));
        rpSecret = clients.registerRelyingParty("rp.tax", "Thuế điện tử", List.of(CALLBACK.toString()),
                List.of("https://rp.example.vn/"), false, false, PLATFORM).secret();
        clients.registerRelyingParty("rp.mobile", "Ứng dụng di động", List.of("http://127.0.0.1/cb"), List.of(),
                true, true, PLATFORM);
        citizen = accounts.createCitizen("001099000777", "Đỗ Thị Thu", "1999-04-01", "thu@example.vn", null,
                passwords.encode(PASSWORD));
    }

    @Test
    void discoveryNamesTheEndpointsAndOnlySecureChoices() {
        assertThat(provider.getIssuer().getValue()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(provider.getJWKSetURI()).isNotNull();
        assertThat(provider.getUserInfoEndpointURI()).isNotNull();
        assertThat(provider.getEndSessionEndpointURI()).isNotNull();
        assertThat(provider.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);
        assertThat(provider.getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256);
    }

    @Test
    void confidentialRelyingPartySignsACitizenInWithPkceAndGetsAPairwiseSubject() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), new ClientID("rp.tax"), CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();

        HttpResponse<String> r = browser.get(request.toURI().toString());
        assertThat(ProviderBrowser.location(r)).endsWith("/signin");
        r = browser.follow(browser.signIn(citizen.username(), PASSWORD, null));
        // Not one of the platform's own clients: the person is asked first, in their language.
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Thuế điện tử").contains("Địa chỉ thư điện tử");
        r = browser.post("/oauth2/authorize", Map.of("client_id", "rp.tax", "state", hidden(r.body(), "state"),
                "scope", "profile"));
        String redirect = ProviderBrowser.location(r);
        assertThat(redirect).startsWith(CALLBACK.toString());
        assertThat(ProviderBrowser.param(redirect, "state")).isEqualTo(state.getValue());

        AuthorizationCode code = new AuthorizationCode(ProviderBrowser.param(redirect, "code"));
        OIDCTokenResponse tokens = token(new AuthorizationCodeGrant(code, CALLBACK, verifier)).toSuccessResponse()
                instanceof OIDCTokenResponse o ? o : null;
        assertThat(tokens).isNotNull();
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), new ClientID("rp.tax"),
                JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
        IDTokenClaimsSet id = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
        String subject = id.getSubject().getValue();
        assertThat(subject).isNotEqualTo(citizen.id().toString()).doesNotContain(citizen.idNumber());
        assertThat(id.getStringClaim("name")).isEqualTo("Đỗ Thị Thu");
        // The email scope was not granted on the consent screen: no address in the token.
        assertThat(id.getStringClaim("email")).isNull();
        assertThat(id.getClaim("personal_id_number")).isNull();

        UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send());
        UserInfo user = info.toSuccessResponse().getUserInfo();
        assertThat(user.getSubject().getValue()).isEqualTo(subject);
        assertThat(user.getName()).isEqualTo("Đỗ Thị Thu");

        // The same code a second time: refused, and nothing is issued.
        TokenResponse replay = token(new AuthorizationCodeGrant(code, CALLBACK, verifier));
        assertThat(replay.indicatesSuccess()).isFalse();
        assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void publicClientMustUsePkceAndTheVerifierMustMatch() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        browser.signIn(citizen.username(), PASSWORD, null);
        // Without a code challenge the request is refused back to the client, as RFC 6749 §4.1.2.1 says.
        HttpResponse<String> r = browser.get("/oauth2/authorize?response_type=code&client_id=rp.mobile"
                + "&scope=openid&redirect_uri=http://127.0.0.1/cb&state=s1");
        assertThat(ProviderBrowser.location(r)).startsWith("http://127.0.0.1/cb?error=invalid_request");

        CodeVerifier verifier = new CodeVerifier();
        String code = mobileCode(browser, verifier);
        TokenResponse wrong = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientID("rp.mobile"), new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create("http://127.0.0.1/cb"), new CodeVerifier())).toHTTPRequest().send());
        assertThat(wrong.indicatesSuccess()).isFalse();
        assertThat(wrong.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");

        CodeVerifier second = new CodeVerifier();
        TokenResponse right = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientID("rp.mobile"), new AuthorizationCodeGrant(new AuthorizationCode(mobileCode(browser,
                second)), URI.create("http://127.0.0.1/cb"), second)).toHTTPRequest().send());
        assertThat(right.indicatesSuccess()).isTrue();
    }

    /** A code for the public client; the person already consented once, so no screen the second time. */
    private String mobileCode(ProviderBrowser browser, CodeVerifier verifier) throws Exception {
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid",
                "profile"), new ClientID("rp.mobile"), URI.create("http://127.0.0.1/cb")).state(state)
                .nonce(new Nonce()).endpointURI(provider.getAuthorizationEndpointURI())
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        HttpResponse<String> r = browser.follow(browser.get(request.toURI().toString()));
        if (r.statusCode() == 200) {
            r = browser.post("/oauth2/authorize", Map.of("client_id", "rp.mobile", "state", hidden(r.body(), "state"),
                    "scope", "profile"));
        }
        String code = ProviderBrowser.param(ProviderBrowser.location(r), "code");
        assertThat(code).as(ProviderBrowser.location(r)).isNotNull();
        return code;
    }

    @Test
    void redirectUrisMustMatchExactlyAndUnknownClientsGetNoRedirect() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        browser.signIn(citizen.username(), PASSWORD, null);
        HttpResponse<String> r = browser.get("/oauth2/authorize?response_type=code&client_id=rp.tax&scope=openid"
                + "&redirect_uri=https://rp.example.vn/callback/../evil&state=s");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ProviderBrowser.location(r)).isEmpty();
        r = browser.get("/oauth2/authorize?response_type=code&client_id=rp.tax&scope=openid"
                + "&redirect_uri=https://attacker.example/callback&state=s");
        assertThat(r.statusCode()).isEqualTo(400);
        r = browser.get("/oauth2/authorize?response_type=code&client_id=nobody&scope=openid"
                + "&redirect_uri=https://rp.example.vn/callback&state=s");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ProviderBrowser.location(r)).isEmpty();
    }

    @Test
    void tokenEndpointRefusesUnknownClientsWrongSecretsAndMalformedRequests() throws Exception {
        assertThat(TestTokens.clientCredentials(port, "nobody", "x", "population.verify").statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrong = TestTokens.clientCredentials(port, "rp.tax", "wrong-secret", "openid");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid_client");
        ProviderBrowser browser = new ProviderBrowser(port);
        HttpResponse<String> r = browser.post("/oauth2/token", Map.of("grant_type", "password", "username", "x",
                "password", "y", "client_id", "rp.mobile"));
        assertThat(r.statusCode()).isIn(400, 401);
        assertThat(r.body()).containsAnyOf("unsupported_grant_type", "invalid_client", "unauthorized_client");
    }

    @Test
    void agencySystemGetsATokenAndVerifiesAPersonWithIt() throws Exception {
        String secret = TestTokens.registerSystem(clients, "bhxh.hethong", "000.00.00.G14",
                Set.of(Roles.REGISTRY_VERIFIER));
        String token = TestTokens.systemToken(port, "bhxh.hethong", secret, "population.verify");
        HttpResponse<String> r = api("POST", "/api/v1/population/verifications?purpose=Cap+the+BHYT", token,
                "{\"idNumber\":\"001099000778\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"outcome\":\"NO_MATCH\"");
        // A scope the system was not given is refused at the token endpoint.
        HttpResponse<String> more = TestTokens.clientCredentials(port, "bhxh.hethong", secret, "population.read");
        assertThat(more.statusCode()).isEqualTo(400);
        assertThat(more.body()).contains("invalid_scope");
    }

    @Test
    void tamperedExpiredOrRevokedTokensAreRefusedByTheApis() throws Exception {
        String secret = TestTokens.registerSystem(clients, "kt.hethong", "000.00.00.G14",
                Set.of(Roles.REGISTRY_VERIFIER));
        String token = TestTokens.systemToken(port, "kt.hethong", secret, "population.verify");
        String body = "{\"idNumber\":\"001099000778\"}";
        assertThat(api("POST", "/api/v1/population/verifications?purpose=x", token, body).statusCode()).isEqualTo(200);

        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("REGISTRY_VERIFIER", "REGISTRY_READER__");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes()) + "." + parts[2];
        HttpResponse<String> r = api("POST", "/api/v1/population/verifications?purpose=x", tampered, body);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");

        HttpResponse<String> revoke = new ProviderBrowser(port).post("/oauth2/revoke", Map.of("token", token,
                "client_id", "kt.hethong", "client_secret", secret));
        assertThat(revoke.statusCode()).isEqualTo(200);
        r = api("POST", "/api/v1/population/verifications?purpose=x", token, body);
        assertThat(r.statusCode()).isEqualTo(401);
        HttpResponse<String> introspect = new ProviderBrowser(port).post("/oauth2/introspect", Map.of("token", token,
                "client_id", "kt.hethong", "client_secret", secret));
        assertThat(introspect.body()).contains("\"active\":false");
    }

    @Test
    void rotatedKeysStayPublishedSoEarlierTokensStillVerify() throws Exception {
        String secret = TestTokens.registerSystem(clients, "rot.hethong", "000.00.00.G14",
                Set.of(Roles.REGISTRY_VERIFIER));
        String before = TestTokens.systemToken(port, "rot.hethong", secret, "population.verify");
        String oldKid = keys.activeKeyId();
        String newKid = keys.rotate();
        assertThat(newKid).isNotEqualTo(oldKid);
        String jwks = new ProviderBrowser(port).get("/oauth2/jwks").body();
        assertThat(jwks).contains(oldKid).contains(newKid);
        String after = TestTokens.systemToken(port, "rot.hethong", secret, "population.verify");
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(after.split("\\.")[0]))).contains(newKid);
        String body = "{\"idNumber\":\"001099000778\"}";
        assertThat(api("POST", "/api/v1/population/verifications?purpose=x", before, body).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/population/verifications?purpose=x", after, body).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheWholeFamily() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        Account person = accounts.createCitizen("001099000779", "Bùi Văn Khang", "1999-05-05", "khang@example.vn",
                null, passwords.encode(PASSWORD));
        browser.signIn(person.username(), PASSWORD, null);
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID("rp.tax"), CALLBACK).state(new State()).nonce(new Nonce())
                .endpointURI(provider.getAuthorizationEndpointURI()).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        HttpResponse<String> r = browser.get(request.toURI().toString());
        String code = ProviderBrowser.param(ProviderBrowser.location(r), "code");
        var first = token(new AuthorizationCodeGrant(new AuthorizationCode(code), CALLBACK, verifier))
                .toSuccessResponse().getTokens();
        var refreshed = token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(first.getRefreshToken()));
        assertThat(refreshed.indicatesSuccess()).as("%s", refreshed.indicatesSuccess() ? ""
                : refreshed.toErrorResponse().getErrorObject()).isTrue();
        var second = refreshed.toSuccessResponse().getTokens();
        assertThat(second.getRefreshToken().getValue()).isNotEqualTo(first.getRefreshToken().getValue());

        // The first refresh token again: someone else holds a copy. Refused, and the family is revoked.
        TokenResponse reuse = token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(first.getRefreshToken()));
        assertThat(reuse.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        TokenResponse afterTheft = token(new com.nimbusds.oauth2.sdk.RefreshTokenGrant(second.getRefreshToken()));
        assertThat(afterTheft.indicatesSuccess()).isFalse();
        assertThat(afterTheft.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void thePersonalIdNumberGoesOnlyToClientsAllowedItsScope() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        browser.signIn(citizen.username(), PASSWORD, null);
        HttpResponse<String> r = browser.get("/oauth2/authorize?response_type=code&client_id=rp.tax"
                + "&scope=openid%20personal_id&redirect_uri=https://rp.example.vn/callback&state=s&nonce=n");
        assertThat(ProviderBrowser.location(r)).startsWith(CALLBACK + "?error=invalid_scope");

        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid",
                "personal_id"), new ClientID("rp.mobile"), URI.create("http://127.0.0.1/cb")).state(state)
                .nonce(new Nonce()).endpointURI(provider.getAuthorizationEndpointURI())
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        r = browser.follow(browser.get(request.toURI().toString()));
        if (r.statusCode() == 200) {
            assertThat(r.body()).contains("Số định danh cá nhân");
            r = browser.post("/oauth2/authorize", Map.of("client_id", "rp.mobile", "state", hidden(r.body(), "state"),
                    "scope", "personal_id"));
        }
        String code = ProviderBrowser.param(ProviderBrowser.location(r), "code");
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(
                provider.getTokenEndpointURI(), new ClientID("rp.mobile"), new AuthorizationCodeGrant(
                new AuthorizationCode(code), URI.create("http://127.0.0.1/cb"), verifier)).toHTTPRequest().send())
                .toSuccessResponse();
        assertThat(tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getStringClaim("personal_id_number"))
                .isEqualTo(citizen.idNumber());
    }

    @Test
    void relyingPartyInitiatedLogoutEndsTheSessionAtTheProvider() throws Exception {
        ProviderBrowser browser = new ProviderBrowser(port);
        Account person = accounts.createCitizen("001099000780", "Hồ Thị Yến", "1999-06-06", "yen@example.vn", null,
                passwords.encode(PASSWORD));
        browser.signIn(person.username(), PASSWORD, null);
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID("rp.tax"), CALLBACK).state(new State()).nonce(new Nonce())
                .endpointURI(provider.getAuthorizationEndpointURI()).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        String code = ProviderBrowser.param(ProviderBrowser.location(browser.get(request.toURI().toString())), "code");
        var tokens = (OIDCTokenResponse) token(new AuthorizationCodeGrant(new AuthorizationCode(code), CALLBACK,
                verifier)).toSuccessResponse();
        String idToken = tokens.getOIDCTokens().getIDTokenString();
        HttpResponse<String> r = browser.get(provider.getEndSessionEndpointURI() + "?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=https://rp.example.vn/&state=bye");
        assertThat(ProviderBrowser.location(r)).as("%s %s", r.statusCode(), r.body()).startsWith("https://rp.example.vn/");
        // Signed out: the next authorization request asks for the password again.
        r = browser.get(request.toURI().toString());
        assertThat(ProviderBrowser.location(r)).endsWith("/signin");
    }

    @Test
    void agencySystemAuthenticatesWithAPrivateKeyJwtFromItsPublishedKeys() throws Exception {
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("sys-key-1")
                .generate();
        com.sun.net.httpserver.HttpServer jwks = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] published = new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString().getBytes();
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        jwks.start();
        try {
            clients.registerSystem("pkj.hethong", "Hệ thống ký khoá riêng", AgencyId.parse("000.00.00.G14"),
                    Set.of(Roles.REGISTRY_VERIFIER), Clients.Authentication.PRIVATE_KEY_JWT,
                    "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json", PLATFORM);
            var assertion = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(new ClientID("pkj.hethong"),
                    provider.getTokenEndpointURI(), JWSAlgorithm.RS256, key.toRSAPrivateKey(), key.getKeyID(), null);
            TokenResponse ok = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), assertion,
                    new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), new Scope("population.verify"))
                    .toHTTPRequest().send());
            assertThat(ok.indicatesSuccess()).as("%s", ok.indicatesSuccess() ? "" : ok.toErrorResponse()
                    .getErrorObject().toJSONObject()).isTrue();

            // An assertion signed by another key is refused as invalid_client.
            com.nimbusds.jose.jwk.RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                    .keyID("sys-key-1").generate();
            var forged = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(new ClientID("pkj.hethong"),
                    provider.getTokenEndpointURI(), JWSAlgorithm.RS256, other.toRSAPrivateKey(), other.getKeyID(),
                    null);
            TokenResponse refused = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), forged,
                    new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), new Scope("population.verify"))
                    .toHTTPRequest().send());
            assertThat(refused.indicatesSuccess()).isFalse();
            assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void anExpiredTokenSignedWithTheProvidersOwnKeyIsRefused() throws Exception {
        var encoder = new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(keys.signing());
        java.time.Instant past = java.time.Instant.now().minus(java.time.Duration.ofHours(2));
        var claims = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder().subject("old.hethong")
                .issuedAt(past).expiresAt(past.plusSeconds(300)).claim("ketnoi_kind", "SYSTEM")
                .claim("ketnoi_roles", List.of(Roles.REGISTRY_VERIFIER)).claim("ketnoi_agency", "000.00.00.G14")
                .build();
        String expired = encoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                org.springframework.security.oauth2.jwt.JwsHeader.with(
                        org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
        HttpResponse<String> r = api("POST", "/api/v1/population/verifications?purpose=x", expired,
                "{\"idNumber\":\"001099000778\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token")
                .containsIgnoringCase("expired");
    }

    private HttpResponse<String> api(String method, String path, String token, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private TokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID("rp.tax"), new Secret(rpSecret)), grant).toHTTPRequest().send());
    }

    private static String hidden(String html, String name) {
        var m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
