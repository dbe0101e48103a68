package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator relies on: health with the database, metrics, API documents, JSON logs. */
@KetnoiIntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIncludesTheDatabase() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"components\"").contains("\"db\":{\"details\":{\"database\":\"PostgreSQL\"")
                .endsWith("\"status\":\"UP\"}");
    }

    @Test
    void exposesPrometheusMetricsOfRequests() throws Exception {
        get("/api/v1/units/provinces");
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("http_server_requests_seconds_count{application=\"ketnoi\"");
    }

    @Test
    void publishesAnOpenApiDocumentForEveryApiAndABrowsablePage() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\":\"3.").contains("/api/v1/units/provinces/{code}")
                .contains("/api/v1/agencies/{id}/path").doesNotContain("\"/units\"");
        HttpResponse<String> ui = get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
    }

    @Test
    void writesStructuredJsonLogs() throws Exception {
        Path log = Path.of("target/test-logs/ketnoi.json");
        assertThat(log).exists();
        String first = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertThat(first).startsWith("{\"@timestamp\":").contains("\"log\":{\"level\":").contains("\"message\":");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
