package org.ketnoi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The dossier API as the portal's citizens and the officials' clients call it, over one HTTP/1.1
 * keep-alive {@link HttpClient} that follows no redirect, with bearer tokens.
 */
final class DossierClient {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;

    DossierClient(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    String base() {
        return base;
    }

    /** A dossier's code and the version an official's first action must name. */
    record Submitted(String code, int version) {
    }

    /** {@code POST /api/v1/uploads}: the file's SHA-256 as the server computed it. */
    String upload(Supplier<String> bearer, String fileName, byte[] pdf) {
        String boundary = "ketnoi-bench-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
                .header("Authorization", bearer.get()).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(DossierForms.multipart(boundary, "file", fileName,
                        "application/pdf", pdf))).build();
        HttpResponse<String> r = send(request);
        String sha = WebForms.jsonString(r.body(), "sha256");
        if (r.statusCode() != 201 || sha == null) {
            throw new BenchmarkFailed("POST /api/v1/uploads answered HTTP " + r.statusCode() + ": "
                    + IdentityClient.abbreviate(r.body()));
        }
        return sha;
    }

    /** {@code POST /api/v1/dossiers}; the answer whatever it is. */
    HttpResponse<String> submit(Supplier<String> bearer, String body) throws IOException, InterruptedException {
        return http.send(json(base + "/api/v1/dossiers", bearer, body), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
    }

    /** The dossier a 201 answer names, or null when the answer is anything else. */
    static Submitted submitted(HttpResponse<String> r) {
        if (r.statusCode() != 201) {
            return null;
        }
        String code = WebForms.jsonString(r.body(), "code");
        return code == null ? null : new Submitted(code, 0);
    }

    /** {@code POST /api/v1/desk/dossiers/{code}/{action}} with the version the dossier was read at. */
    HttpResponse<String> act(Supplier<String> bearer, String code, String action, int version)
            throws IOException, InterruptedException {
        return http.send(json(base + "/api/v1/desk/dossiers/" + code + "/" + action, bearer,
                DossierForms.action(version)), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET with the headers given (name, value, ...); the answer as text. */
    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest json(String url, Supplier<String> bearer, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer.get())
                .header("Content-Type", "application/json").header("Accept", "application/json").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BenchmarkFailed("the server did not answer " + request.method() + " " + request.uri().getPath()
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    /** "HTTP 500: {…}": what an unexpected answer was, short enough for a table, with the start of its body. */
    static String describe(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ").trim();
        return "HTTP " + r.statusCode() + (body.isEmpty() ? "" : ": " + (body.length() > 160 ? body.substring(0, 160)
                + "…" : body));
    }
}
