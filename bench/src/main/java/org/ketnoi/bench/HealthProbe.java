package org.ketnoi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the actuator whether the server is up: HTTP 200 and a top-level "status":"UP". */
final class HealthProbe {

    private final HttpClient client;
    private final URI uri;

    HealthProbe(HttpClient client, int port) {
        this.client = client;
        this.uri = URI.create("http://localhost:" + port + "/actuator/health");
    }

    static HttpClient newClient() {
        // HTTP/1.1: no h2c upgrade dance on every poll. Short timeouts: a poll must not outlast
        // the 50 ms polling period by much while the server is still starting.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    boolean isUp() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && "UP".equals(topLevelStatus(response.body()));
        } catch (IOException e) {
            return false; // not listening yet, or the connection was reset while starting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The "status" member of the outermost JSON object. Each component also has a "status", so a
     * plain search for "status":"UP" could be fooled by a healthy component of an unhealthy whole.
     */
    static String topLevelStatus(String json) {
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '"') {
                int end = endOfString(json, i);
                String text = json.substring(i + 1, end);
                if (depth == 1 && text.equals("status")) {
                    int colon = json.indexOf(':', end);
                    int open = json.indexOf('"', colon);
                    return open < 0 ? null : json.substring(open + 1, endOfString(json, open));
                }
                i = end;
            }
        }
        return null;
    }

    private static int endOfString(String json, int openingQuote) {
        for (int i = openingQuote + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return json.length();
    }
}
