package org.ketnoi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ketnoi.identity.credentials.Totp;

/**
 * A browser without JavaScript, as tests need one against the provider: cookies kept, redirects not
 * followed (so tests see each hop), forms posted with their CSRF token. It goes through the same
 * pages a person does; nothing is stubbed.
 */
public final class ProviderBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;

    public ProviderBrowser(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(absolute(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        // Clients call the provider's token, revocation and introspection endpoints, not browsers.
        boolean machine = url.matches("/oauth2/(token|revoke|introspect).*");
        return http.send(HttpRequest.newBuilder(absolute(url)).header("Accept", machine ? "application/json" : "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form on the page at {@code page}, with the page's CSRF token. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields) throws Exception {
        HttpResponse<String> shown = get(page);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf(shown.body()));
        return post(action, form);
    }

    /**
     * Signs in at the provider: password, then (when a TOTP secret is given) the current code.
     * Returns the last response (a redirect onwards).
     */
    public HttpResponse<String> signIn(String username, String password, String totpSecret) throws Exception {
        HttpResponse<String> r = submit("/signin", "/signin", Map.of("username", username, "password", password));
        assertThat(r.statusCode()).as("sign-in of %s: %s", username, r.body()).isEqualTo(302);
        if (location(r).endsWith("/signin/code")) {
            assertThat(totpSecret).as("%s needs a TOTP secret", username).isNotNull();
            r = submit("/signin/code", "/signin/code",
                    Map.of("code", Totp.code(Totp.fromBase32(totpSecret), Instant.now())));
            assertThat(r.statusCode()).as("code of %s", username).isEqualTo(302);
        }
        return r;
    }

    /** Follows redirects within the platform until one leaves it or a page answers. */
    public HttpResponse<String> follow(HttpResponse<String> r) throws Exception {
        while (r.statusCode() == 302 && location(r).startsWith(base)) {
            r = get(location(r));
        }
        return r;
    }

    public static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    /** A query parameter of a URL. */
    public static String param(String url, String name) {
        for (String part : URI.create(url).getRawQuery().split("&")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A PKCE verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {

        public static Pkce create() throws Exception {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            return new Pkce(verifier, challenge);
        }
    }

    private URI absolute(String url) {
        return URI.create(url.startsWith("http") ? url : base + url);
    }
}
