package org.ketnoi.bench;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser and an OAuth2 client read and write, reduced to what the identity benchmark needs:
 * cookies from Set-Cookie headers, a hidden form field, a parameter of a redirect, form bodies, PKCE
 * and one string field of a JSON answer. No library: the shapes are fixed and tested here.
 */
final class WebForms {

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private WebForms() {
    }

    /**
     * Applies Set-Cookie headers to a jar (name to value). One host, so domain and path are not kept;
     * a cookie set to an empty value or with {@code Max-Age=0} is removed.
     */
    static void applySetCookies(Map<String, String> jar, List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean expired = value.isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
                if (attribute.equals("max-age=0")) {
                    expired = true;
                }
            }
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    /** The Cookie request header for a jar, or null when it is empty. */
    static String cookieHeader(Map<String, String> jar) {
        if (jar.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        jar.forEach((name, value) -> b.append(b.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return b.toString();
    }

    /** The value of the {@code <input name="...">} of a page, or null. */
    static String inputValue(String html, String name) {
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(input.group());
            while (a.find()) {
                attributes.put(a.group(1).toLowerCase(java.util.Locale.ROOT), a.group(3) != null ? a.group(3)
                        : a.group(4));
            }
            if (name.equals(attributes.get("name"))) {
                String value = attributes.get("value");
                return value == null ? null : unescapeHtml(value);
            }
        }
        return null;
    }

    private static String unescapeHtml(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** A query parameter of a URI (a redirect's Location), decoded; null when absent. */
    static String queryParameter(String uri, String name) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        String query = uri.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** application/x-www-form-urlencoded, in the order given: name, value, name, value... */
    static String form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** PKCE S256 (RFC 7636): base64url(SHA-256(verifier)) without padding. */
    static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code Basic base64(user:password)}. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A string member of a flat JSON object, such as {@code "refresh_token":"..."}, or null. Token
     * endpoint answers hold no escapes in these values (base64url and JWTs).
     */
    static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** A Location header made absolute against the server's base ({@code http://127.0.0.1:port}). */
    static String absolute(String base, String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return location;
        }
        return base + (location.startsWith("/") ? "" : "/") + location;
    }
}
