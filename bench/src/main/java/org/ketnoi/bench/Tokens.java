package org.ketnoi.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens from the server's own OpenID Connect provider, obtained as real callers obtain them:
 * the verifying system with the client-credentials grant, officials and citizens with the authorization
 * code flow and PKCE on the platform's native client {@code ketnoi-cli}, signing in on the provider's
 * pages (officials with password and TOTP, citizens with password only). Plain JDK: HttpClient,
 * HMAC-SHA1 and SHA-256.
 */
final class Tokens {

    /** The platform's native public client (server: {@code OwnClients.NATIVE}) and its loopback redirect. */
    static final String NATIVE_CLIENT = "ketnoi-cli";
    static final String NATIVE_REDIRECT = "http://127.0.0.1/callback";
    static final int TOTP_DIGITS = 6;
    static final int TOTP_PERIOD_SECONDS = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CSRF = Pattern.compile(
            "<input\\b[^>]*\\bname=\"_csrf\"[^>]*\\bvalue=\"([^\"]+)\"|<input\\b[^>]*\\bvalue=\"([^\"]+)\"[^>]*\\bname=\"_csrf\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Tokens() {
    }

    /** A token and when it was issued (by this JVM's clock, taken just before it was asked for). */
    record Token(String value, Instant issued, Duration life) {

        String header() {
            return "Bearer " + value;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Agency system: client credentials.

    /** {@code POST /oauth2/token} with {@code grant_type=client_credentials}, the client's secret in HTTP Basic. */
    static Token clientCredentials(HttpClient http, String base, String clientId, String secret, String scope) {
        Instant asked = Instant.now();
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                        "scope", scope)))).build());
        return parse(r, "the client-credentials grant of " + clientId, asked);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A person: authorization code with PKCE on the native client, signed in with password (and TOTP for officials).

    /** The last TOTP step each username signed in with: the provider refuses a code used twice, whichever browser. */
    private static final Map<String, Long> LAST_STEP = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A browser of the provider's pages for one person: keeps cookies (the provider's session),
     * follows no redirect. After the first sign-in, a new token needs only the authorization request
     * and the code exchange: the provider's session answers the request with a code directly.
     * Officials sign in with password and TOTP; citizens with their ID number and password only.
     */
    static final class Person {

        private final String base;
        private final String username;
        private final String password;
        private final byte[] totpSecret;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient browser;
        private boolean nativeClientRegistered;

        /** An official: password, then the current code of the TOTP secret (Base32). */
        Person(String base, String username, String password, String totpSecretBase32) {
            this.base = base;
            this.username = username;
            this.password = password;
            this.totpSecret = totpSecretBase32 == null ? null : fromBase32(totpSecretBase32);
            this.browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        /** A citizen: the ID number and password, no second factor. */
        static Person citizen(String base, String idNumber, String password) {
            return new Person(base, idNumber, password, null);
        }

        /**
         * A session of the portal's pages, as a browser gets one: sign in on the provider (password, and
         * TOTP for an official), then the portal's own sign-in (/oauth2/authorization/ketnoi-portal, the
         * provider's answer, the portal's callback), then {@code page} must answer 200. Returns the
         * {@code Cookie} header that carries the session.
         */
        synchronized String pageSession(String page) {
            registerNativeClient();
            HttpResponse<String> r = get(base + "/oauth2/authorization/ketnoi-portal");
            for (int hop = 0; hop < 8 && r.statusCode() == 302; hop++) {
                String next = location(r);
                if (path(next).equals("/signin")) {
                    r = signIn();
                } else {
                    r = get(next.startsWith("http") ? next : base + next);
                }
            }
            HttpResponse<String> shown = get(base + page);
            if (shown.statusCode() != 200) {
                throw new BenchmarkFailed("after the portal's sign-in of " + username + ", " + page + " answered HTTP "
                        + shown.statusCode() + " " + location(shown) + " " + abbreviate(shown.body()));
            }
            String header = cookies.getCookieStore().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            if (header.isEmpty()) {
                throw new BenchmarkFailed("the portal's sign-in of " + username + " left no cookie");
            }
            return header;
        }

        /** A new access token: authorize (signing in first when the provider's session asks for it), then exchange. */
        synchronized Token token() {
            registerNativeClient();
            Instant asked = Instant.now();
            String verifier = newVerifier();
            String state = newVerifier().substring(0, 16);
            String authorize = base + "/oauth2/authorize?response_type=code&client_id=" + NATIVE_CLIENT
                    + "&scope=openid&redirect_uri=" + form(NATIVE_REDIRECT) + "&state=" + state
                    + "&code_challenge=" + pkceChallenge(verifier) + "&code_challenge_method=S256";
            HttpResponse<String> r = get(authorize);
            if (r.statusCode() == 302 && path(location(r)).equals("/signin")) {
                r = signIn();
                while (r.statusCode() == 302 && location(r).startsWith(base)) {
                    r = get(location(r));
                }
            }
            String callback = location(r);
            if (r.statusCode() != 302 || !callback.startsWith(NATIVE_REDIRECT + "?")) {
                throw new BenchmarkFailed("the provider did not answer the authorization request of " + username
                        + " with a code: HTTP " + r.statusCode() + " " + callback + " " + abbreviate(r.body()));
            }
            String code = param(callback, "code");
            if (code == null || !state.equals(param(callback, "state"))) {
                throw new BenchmarkFailed("the provider's redirect for " + username + " has no code or another state: "
                        + callback);
            }
            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("code", code);
            exchange.put("redirect_uri", NATIVE_REDIRECT);
            exchange.put("client_id", NATIVE_CLIENT);
            exchange.put("code_verifier", verifier);
            HttpResponse<String> t = send(browser, HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(form(exchange))).build());
            return parse(t, "the code exchange of " + username, asked);
        }

        /**
         * The server registers its own clients, the native one with the portal, when the portal's sign-in is
         * first asked for ({@code OwnClients.register}), not at start: on a fresh server {@code ketnoi-cli} does
         * not exist until someone opens {@code /oauth2/authorization/ketnoi-portal}. So the benchmark opens it
         * first, as a browser visiting the portal would, without this official's cookies.
         */
        private void registerNativeClient() {
            if (nativeClientRegistered) {
                return;
            }
            nativeClientRegistered = true;
            HttpClient anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = send(anonymous, HttpRequest.newBuilder(URI.create(base
                    + "/oauth2/authorization/ketnoi-portal")).header("Accept", "text/html").timeout(TIMEOUT).GET()
                    .build());
            if (r.statusCode() != 302) {
                throw new BenchmarkFailed("the portal's sign-in (which registers the native client " + NATIVE_CLIENT
                        + ") answered HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
            }
        }

        /**
         * Password on {@code /signin}, then (officials) the current TOTP code on {@code /signin/code}; the
         * last answer, a redirect onwards.
         */
        private HttpResponse<String> signIn() {
            HttpResponse<String> r = submit("/signin", Map.of("username", username, "password", password));
            if (totpSecret == null) {
                if (r.statusCode() != 302 || path(location(r)).startsWith("/signin")) {
                    throw new BenchmarkFailed("the provider refused the password of " + username + ": HTTP "
                            + r.statusCode() + " " + location(r) + " " + abbreviate(r.body()));
                }
                return r;
            }
            if (r.statusCode() != 302 || !path(location(r)).equals("/signin/code")) {
                throw new BenchmarkFailed("the provider refused the password of " + username + ": HTTP "
                        + r.statusCode() + " " + location(r) + " " + abbreviate(r.body()));
            }
            // A code works once per 30-second step (the provider refuses a replay): a second sign-in within the
            // same step, by this browser or another of the same person, waits for the next one.
            long step = claimStep(username);
            r = submit("/signin/code", Map.of("code", totp(totpSecret, step, TOTP_DIGITS)));
            if (r.statusCode() != 302) {
                throw new BenchmarkFailed("the provider refused the TOTP code of " + username + ": HTTP "
                        + r.statusCode() + " " + abbreviate(r.body()));
            }
            return r;
        }

        /** The page's form posted with its CSRF token, as a browser does. */
        private HttpResponse<String> submit(String page, Map<String, String> fields) {
            HttpResponse<String> shown = get(base + page);
            String token = csrf(shown.body());
            if (shown.statusCode() != 200 || token == null) {
                throw new BenchmarkFailed("the provider's page " + page + " answered HTTP " + shown.statusCode()
                        + (token == null ? " without a CSRF token" : "") + ": " + abbreviate(shown.body()));
            }
            Map<String, String> posted = new LinkedHashMap<>(fields);
            posted.put("_csrf", token);
            return send(browser, HttpRequest.newBuilder(URI.create(base + page)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(form(posted))).build());
        }

        private HttpResponse<String> get(String url) {
            return send(browser, HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .timeout(TIMEOUT).GET().build());
        }
    }

    /** The current TOTP step for this username, waiting for the next one when it was used already. */
    private static long claimStep(String username) {
        while (true) {
            long step = Math.floorDiv(Instant.now().getEpochSecond(), TOTP_PERIOD_SECONDS);
            synchronized (LAST_STEP) {
                if (step > LAST_STEP.getOrDefault(username, -1L)) {
                    LAST_STEP.put(username, step);
                    return step;
                }
            }
            sleep(Duration.ofMillis(500));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The pure parts.

    /** RFC 6238 TOTP (RFC 4226 HOTP of the 30-second step) with HMAC-SHA1. */
    static String totp(byte[] secret, long step, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String value = Long.toString(binary % (long) Math.pow(10, digits));
        return "0".repeat(digits - value.length()) + value;
    }

    /** A new TOTP secret of 160 bits (RFC 4226's recommendation), Base32 as the server stores it. */
    static String newTotpSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    /** RFC 4648 Base32 without padding. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** RFC 4648 Base32, upper case, padding optional. */
    static byte[] fromBase32(String text) {
        String s = text.replace("=", "");
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                throw new IllegalArgumentException("not Base32: " + text);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    /** A PKCE code verifier: 32 random bytes, base64url without padding (43 characters, RFC 7636 §4.1). */
    static String newVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))), no padding (RFC 7636 §4.2). */
    static String pkceChallenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The value of the page's hidden {@code _csrf} input (either attribute order), or null when it has none. */
    static String csrf(String html) {
        if (html == null) {
            return null;
        }
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            return null;
        }
        return (m.group(1) != null ? m.group(1) : m.group(2)).replace("&#45;", "-").replace("&amp;", "&");
    }

    /** A query parameter of a URL, decoded; null when absent. */
    static String param(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Token parse(HttpResponse<String> r, String what, Instant asked) {
        String access = ImportClient.text(r.body(), "access_token");
        long expiresIn = ImportClient.number(r.body(), "expires_in");
        if (r.statusCode() != 200 || access == null) {
            throw new BenchmarkFailed(what + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
        }
        return new Token(access, asked, Duration.ofSeconds(expiresIn > 0 ? expiresIn : 300));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchmarkFailed("the provider did not answer " + request.method() + " " + request.uri().getPath()
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted while asking the provider for a token");
        }
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private static String path(String url) {
        try {
            String p = URI.create(url).getPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> form(e.getKey()) + "=" + form(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted while waiting for the next TOTP step");
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
