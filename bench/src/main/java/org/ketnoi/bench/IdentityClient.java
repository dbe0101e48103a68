package org.ketnoi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity flows as a browser and as OAuth2 clients do them, over one HTTP/1.1 keep-alive
 * {@link HttpClient} that follows no redirect and keeps no cookie: every browser has its own small
 * cookie jar ({@link Browser}), so thousands of browsers share a few connections.
 */
final class IdentityClient {

    static final String PORTAL = "ketnoi-portal";
    static final String PORTAL_LOGIN = "/oauth2/authorization/" + PORTAL;
    static final String PORTAL_CALLBACK = "/login/oauth2/code/" + PORTAL;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String USER_AGENT = "ketnoi-bench identity";

    private final HttpClient http;
    private final String base;
    private final String portalSecret;
    private final SecureRandom random = new SecureRandom();

    IdentityClient(HttpClient http, int port, String portalSecret) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port;
        this.portalSecret = portalSecret;
    }

    String base() {
        return base;
    }

    /** What a browser holds: its cookies. */
    static final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();

        String session() {
            return cookies.get("SESSION");
        }
    }

    /** A form token and the cookie it belongs to: the sign-in page's {@code _csrf} field and the XSRF-TOKEN cookie. */
    record Csrf(String cookie, String field) {
    }

    HttpResponse<String> get(Browser browser, String pathOrUrl) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(WebForms.absolute(base, pathOrUrl)))
                .timeout(TIMEOUT).header("Accept", "text/html").header("User-Agent", USER_AGENT).GET();
        return send(browser, request);
    }

    HttpResponse<String> postForm(Browser browser, String path, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "text/html").header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return send(browser, request);
    }

    private HttpResponse<String> send(Browser browser, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        String cookie = WebForms.cookieHeader(browser.cookies);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        WebForms.applySetCookies(browser.cookies, response.headers().allValues("Set-Cookie"));
        return response;
    }

    /** GET /signin in a new browser: its XSRF-TOKEN cookie and the form's masked token. */
    Csrf csrf() throws IOException, InterruptedException {
        Browser browser = new Browser();
        HttpResponse<String> page = get(browser, "/signin");
        String cookie = browser.cookies.get("XSRF-TOKEN");
        String field = WebForms.inputValue(page.body(), "_csrf");
        if (page.statusCode() != 200 || cookie == null || field == null) {
            throw new BenchmarkFailed("GET /signin answered " + page.statusCode() + (cookie == null
                    ? " without an XSRF-TOKEN cookie" : "") + (field == null ? " without a _csrf field" : ""));
        }
        return new Csrf(cookie, field);
    }

    /**
     * POST /signin with the browser's form token: null when it answered as a successful password
     * sign-in without a second factor does (302 onwards, not back to /signin), else what it answered.
     */
    String signIn(Browser browser, Csrf csrf, String username, String password)
            throws IOException, InterruptedException {
        browser.cookies.put("XSRF-TOKEN", csrf.cookie());
        HttpResponse<String> response = postForm(browser, "/signin", WebForms.form("username", username, "password",
                password, "_csrf", csrf.field()));
        return signedIn(response);
    }

    static String signedIn(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302) {
            return "HTTP " + response.statusCode();
        }
        if (location.contains("/signin")) {
            return "302 to " + URI.create(location).getPath();
        }
        return null;
    }

    /**
     * After a successful POST /signin: the portal's own OpenID Connect sign-in, as the browser follows
     * the redirects (/oauth2/authorization/ketnoi-portal, /oauth2/authorize, the portal's callback,
     * which exchanges the code over loopback) until the portal sends it to /account. Null when it
     * arrived there, else where it stopped.
     */
    String completePortalSignIn(Browser browser) throws IOException, InterruptedException {
        String next = PORTAL_LOGIN;
        for (int hop = 0; hop < 6; hop++) {
            HttpResponse<String> response = get(browser, next);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() != 302 || location == null) {
                return "GET " + URI.create(WebForms.absolute(base, next)).getPath() + " answered "
                        + response.statusCode();
            }
            String path = URI.create(WebForms.absolute(base, location)).getPath();
            if (path.equals("/account")) {
                return null;
            }
            if (path.startsWith("/signin")) {
                return "sent back to " + path;
            }
            next = location;
        }
        return "too many redirects";
    }

    /** GET /account with the portal session: null when the page came (200), else its status. */
    String accountPage(Browser browser) throws IOException, InterruptedException {
        HttpResponse<String> response = get(browser, "/account");
        return response.statusCode() == 200 ? null : "HTTP " + response.statusCode()
                + response.headers().firstValue("Location").map(l -> " to " + l).orElse("");
    }

    /**
     * A refresh token of the portal's client for a signed-in browser: the authorization code flow
     * with PKCE, as the portal does it, with the portal's credentials. Each call starts a new
     * authorization, so each token is the head of its own rotation chain.
     */
    String refreshToken(Browser browser) throws IOException, InterruptedException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String redirect = base + PORTAL_CALLBACK;
        String authorize = "/oauth2/authorize?" + WebForms.form("response_type", "code", "client_id", PORTAL, "scope",
                "openid profile", "redirect_uri", redirect, "state", "bench", "code_challenge",
                WebForms.codeChallenge(verifier), "code_challenge_method", "S256");
        HttpResponse<String> response = get(browser, authorize);
        String location = response.headers().firstValue("Location").orElse("");
        String code = WebForms.queryParameter(location, "code");
        if (response.statusCode() != 302 || code == null) {
            throw new BenchmarkFailed("GET /oauth2/authorize for the portal answered " + response.statusCode()
                    + " to " + location + " instead of a code");
        }
        HttpResponse<String> token = tokenRequest(PORTAL, portalSecret, WebForms.form("grant_type",
                "authorization_code", "code", code, "redirect_uri", redirect, "code_verifier", verifier));
        String refresh = WebForms.jsonString(token.body(), "refresh_token");
        if (token.statusCode() != 200 || refresh == null) {
            throw new BenchmarkFailed("the portal's code exchange answered " + token.statusCode() + ": "
                    + abbreviate(token.body()));
        }
        return refresh;
    }

    /** POST /oauth2/token with client_secret_basic. */
    HttpResponse<String> tokenRequest(String clientId, String secret, String form)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token")).timeout(TIMEOUT)
                .header("Authorization", WebForms.basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String portalSecret() {
        return portalSecret;
    }

    static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
