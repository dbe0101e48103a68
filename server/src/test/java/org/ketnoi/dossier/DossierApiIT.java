package org.ketnoi.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.ProviderBrowser;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.TestTokens;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dossier API with real bearer tokens: uploads checked by content, idempotent submission, and
 * every queue and action confined to the official's own agency.
 */
@KetnoiIntegrationTest
class DossierApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVINCE = "01";
    private static final String COMMUNE = "00070";
    private static final String OTHER = "00082";

    @LocalServerPort int port;
    @Autowired PopulationRegistry registry;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private Caller citizen;
    private String citizenToken;
    private Caller clerk;
    private Caller otherClerk;

    @BeforeEach
    void people() throws Exception {
        DossierFixtures fixtures = new DossierFixtures(registry, accounts, passwords);
        citizen = fixtures.citizen(PROVINCE, COMMUNE, "Đỗ Văn Hùng");
        citizenToken = TestTokens.codeFlow(new ProviderBrowser(port), citizen.username(), DossierFixtures.PASSWORD, null)
                .accessToken();
        clerk = fixtures.official(PROVINCE, COMMUNE, Roles.ONE_STOP_CLERK, "Một cửa Hoàn Kiếm");
        otherClerk = fixtures.official(PROVINCE, OTHER, Roles.ONE_STOP_CLERK, "Một cửa Cửa Nam");
    }

    @Test
    void submissionIsIdempotentAndOtherAgenciesNeitherSeeNorTouchTheDossier() throws Exception {
        HttpResponse<String> upload = upload(citizenToken, "giay-chung-sinh.pdf", DossierFixtures.pdf());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String sha = JSON.readTree(upload.body()).get("sha256").asString();
        assertThat(JSON.readTree(upload.body()).get("mediaType").asString()).isEqualTo("application/pdf");

        String key = UUID.randomUUID().toString();
        String body = submission(DossierFixtures.birthForm(citizen, COMMUNE, "Đỗ Văn Hùng"), sha, key);
        HttpResponse<String> first = post("/api/v1/dossiers", citizenToken, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String code = JSON.readTree(first.body()).get("code").asString();
        HttpResponse<String> repeat = post("/api/v1/dossiers", citizenToken, body);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(repeat.body()).get("code").asString()).isEqualTo(code);
        assertThat(JSON.readTree(repeat.body()).get("repeated").asBoolean()).isTrue();

        HttpResponse<String> mine = get("/api/v1/dossiers", citizenToken);
        assertThat(mine.body()).contains(code);

        String clerkToken = TestTokens.officialToken(port, jdbc, clerk.username(), DossierFixtures.PASSWORD);
        String otherToken = TestTokens.officialToken(port, jdbc, otherClerk.username(), DossierFixtures.PASSWORD);
        assertThat(get("/api/v1/desk/queue", clerkToken).body()).contains(code);
        HttpResponse<String> otherQueue = get("/api/v1/desk/queue", otherToken);
        assertThat(otherQueue.statusCode()).isEqualTo(200);
        assertThat(otherQueue.body()).doesNotContain(code);
        assertThat(get("/api/v1/dossiers/" + code, otherToken).statusCode()).isEqualTo(404);
        HttpResponse<String> foreign = post("/api/v1/desk/dossiers/" + code + "/accept", otherToken, "{\"version\":0}");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(get("/api/v1/dossiers/" + code, citizenToken).body()).get("status").asInt())
                .isEqualTo(1);
        // the applicant is not an official
        assertThat(post("/api/v1/desk/dossiers/" + code + "/accept", citizenToken, "{\"version\":0}").statusCode())
                .isEqualTo(403);

        HttpResponse<String> accepted = post("/api/v1/desk/dossiers/" + code + "/accept", clerkToken, "{\"version\":0}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode d = JSON.readTree(accepted.body());
        assertThat(d.get("status").asInt()).isEqualTo(4);
        assertThat(d.get("dueAt").isNull()).isFalse();
        // acting again from the same (stale) version: refused, nothing changes
        HttpResponse<String> stale = post("/api/v1/desk/dossiers/" + code + "/refuse", clerkToken,
                "{\"version\":0,\"note\":\"x\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(audit("dossier.accept", code)).isEqualTo(1);
        assertThat(audit("dossier.accept", code, "REFUSED")).isEqualTo(0);
        assertThat(audit("dossier.reception", code, "REFUSED")).isGreaterThanOrEqualTo(1);

        // another citizen sees nothing of it
        Caller stranger = new DossierFixtures(registry, accounts, passwords).citizen(PROVINCE, COMMUNE, "Lý Thị Lạ");
        String strangerToken = TestTokens.codeFlow(new ProviderBrowser(port), stranger.username(),
                DossierFixtures.PASSWORD, null).accessToken();
        assertThat(get("/api/v1/dossiers/" + code, strangerToken).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/dossiers/" + code + "/withdraw", strangerToken, "{\"version\":1,\"reason\":\"x\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void uploadsAreCheckedByTheirContentNotTheirName() throws Exception {
        byte[] exe = "MZ\u0090\u0000this program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> disguised = upload(citizenToken, "giay-chung-sinh.pdf", exe);
        assertThat(disguised.statusCode()).isEqualTo(400);
        assertThat(upload(citizenToken, "trong.pdf", new byte[0]).statusCode()).isEqualTo(400);
        assertThat(upload(citizenToken, "trang.png", "<html><script>alert(1)</script></html>".getBytes())
                .statusCode()).isEqualTo(400);
        // a PDF named .jpg is a PDF
        HttpResponse<String> renamed = upload(citizenToken, "anh.jpg", DossierFixtures.pdf());
        assertThat(renamed.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(renamed.body()).get("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(upload(null, "x.pdf", DossierFixtures.pdf()).statusCode()).isEqualTo(401);
    }

    @Test
    void anInvalidFormIsRefusedFieldByFieldAndSavesNothing() throws Exception {
        int before = jdbc.sql("select count(*) from dossier.dossier").query(Integer.class).single();
        ObjectNode form = DossierFixtures.birthForm(citizen, COMMUNE, "Đỗ Văn Hùng");
        ((ObjectNode) form.get("child")).put("sex", "unknown");
        form.put("registrationCommune", "99999");
        HttpResponse<String> r = post("/api/v1/dossiers", citizenToken, submission(form, null,
                UUID.randomUUID().toString()));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problems = JSON.readTree(r.body()).get("problems");
        assertThat(problems.toString()).contains("sex").contains("birth-notice");
        assertThat(jdbc.sql("select count(*) from dossier.dossier").query(Integer.class).single()).isEqualTo(before);
        HttpResponse<String> noKey = post("/api/v1/dossiers", citizenToken,
                "{\"procedure\":\"1.001193\",\"form\":{}}");
        assertThat(noKey.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = post("/api/v1/dossiers", citizenToken, submission(form, null,
                UUID.randomUUID().toString()).replace("1.001193", "9.999999"));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private int audit(String action, String code) {
        return audit(action, code, "SUCCESS");
    }

    private int audit(String action, String code, String outcome) {
        return jdbc.sql("select count(*) from audit.entry where action = ? and object = ? and outcome = ?")
                .params(action, "dossier:" + code, outcome).query(Integer.class).single();
    }

    private static String submission(ObjectNode form, String sha, String key) {
        ObjectNode body = JSON.createObjectNode();
        body.put("procedure", "1.001193");
        body.set("form", form);
        ObjectNode attachments = body.putObject("attachments");
        if (sha != null) {
            attachments.putArray("birth-notice").add(sha);
        }
        body.put("submissionKey", key);
        body.put("language", "vi");
        return body.toString();
    }

    private HttpResponse<String> upload(String token, String name, byte[] content) throws Exception {
        String boundary = "----ketnoi" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/uploads"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
