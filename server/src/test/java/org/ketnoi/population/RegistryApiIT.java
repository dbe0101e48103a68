package org.ketnoi.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.TestTokens;
import org.ketnoi.identity.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registry through its HTTP API with security on: officials, verifiers, readers, the access log. */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiIT {

    private static final String PASSWORD = "registry-test-password";
    // Hà Nội (commune 00004 Ba Đình), birth registration 001, male born 1985 → digit 0, year 85.
    private static final String AN = "001085700001";
    private static final String BINH = "001190700002";
    private static final String CHI = "001320700003";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.ketnoi.identity.provider.Clients clients;

    private final java.util.Map<String, String> systems = new java.util.HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void accountsAndPeople() throws Exception {
        accounts.register("reg.badinh", "Cán bộ Ba Đình", Caller.Kind.OFFICIAL, AgencyId.parse("000.04.XA.H01"),
                Set.of(Roles.REGISTRY_OFFICIAL), PASSWORD, "test");
        accounts.register("reg.hcm", "Cán bộ TP HCM", Caller.Kind.OFFICIAL, AgencyId.parse("000.00.03.H79"),
                Set.of(Roles.REGISTRY_OFFICIAL), PASSWORD, "test");
        systems.put("reg.verifier", TestTokens.systemToken(port, "reg.verifier", TestTokens.registerSystem(clients,
                "reg.verifier", "000.00.00.G14", Set.of(Roles.REGISTRY_VERIFIER)), "population.verify"));
        systems.put("reg.reader", TestTokens.systemToken(port, "reg.reader", TestTokens.registerSystem(clients,
                "reg.reader", "000.00.00.G07", Set.of(Roles.REGISTRY_VERIFIER, Roles.REGISTRY_READER)),
                "population.verify population.read"));
        assertThat(send("reg.badinh", "POST", "/api/v1/population/citizens", person(AN, "Nguyễn Văn An", "1985-03-12",
                "M", "HN-TEST-1", "head", null), null).statusCode()).isEqualTo(201);
        assertThat(send("reg.badinh", "POST", "/api/v1/population/citizens", person(BINH, "Trần Thị Bình", "1990-07",
                "F", "HN-TEST-1", "spouse", AN), null).statusCode()).isEqualTo(201);
        assertThat(send("reg.badinh", "POST", "/api/v1/population/citizens", person(CHI, "Nguyễn Minh Chí",
                "2032-01-01".replace("2032", "2023"), "M", "HN-TEST-1", "child", null), null).statusCode())
                .isNotEqualTo(201); // 2023 with century digit 0 (1900s) contradicts: refused
    }

    @Test
    void officialReadsARecordOfTheirAreaAndTheReadIsLogged() throws Exception {
        long before = logCount(AN, "api");
        HttpResponse<String> r = send("reg.badinh", "GET", "/api/v1/population/citizens/" + AN, null, "Kiểm tra hồ sơ");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"fullName\":\"Nguyễn Văn An\"").contains("\"version\":1");
        assertThat(logCount(AN, "api")).isEqualTo(before + 1);
    }

    @Test
    void readingWithoutAPurposeIsRefusedAndNotLogged() throws Exception {
        long before = logCount(AN, "api");
        HttpResponse<String> r = send("reg.badinh", "GET", "/api/v1/population/citizens/" + AN, null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"purpose\"");
        assertThat(logCount(AN, "api")).isEqualTo(before);
    }

    @Test
    void officialOfAnotherAreaIsRefused() throws Exception {
        HttpResponse<String> r = send("reg.hcm", "GET", "/api/v1/population/citizens/" + AN, null, "Tò mò");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("outside the area");
    }

    @Test
    void anonymousCallersAreAskedToSignIn() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/population/citizens/"
                + AN)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(send("reg.badinh", "GET", "/api/v1/population/citizens/" + AN, null, "x").statusCode())
                .isEqualTo(200);
    }

    @Test
    void searchFindsNamesWithoutDiacriticsAndLogsEveryPersonShown() throws Exception {
        long before = logCount(AN, "api");
        HttpResponse<String> r = send("reg.badinh", "GET",
                "/api/v1/population/citizens?name=nguyen%20van%20an&born=1985", null, "Tra cứu");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(AN);
        assertThat(logCount(AN, "api")).isEqualTo(before + 1);
        assertThat(send("reg.badinh", "GET", "/api/v1/population/citizens?name=nguyen%20van%20an&born=1986", null,
                "Tra cứu").body()).doesNotContain(AN);
    }

    @Test
    void householdListsItsMembersHeadFirst() throws Exception {
        HttpResponse<String> r = send("reg.badinh", "GET", "/api/v1/population/households/HN-TEST-1", null, "Hộ khẩu");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).containsSubsequence(AN, BINH);
        assertThat(send("reg.badinh", "GET", "/api/v1/population/households/NO-SUCH", null, "x").statusCode())
                .isEqualTo(404);
    }

    @Test
    void correctionsKeepHistoryAndRefuseStaleVersions() throws Exception {
        HttpResponse<String> read = send("reg.badinh", "GET", "/api/v1/population/citizens/" + BINH, null, "Sửa");
        assertThat(read.statusCode()).isEqualTo(200);
        Instant beforeChange = Instant.now();
        Thread.sleep(20);
        String corrected = person(BINH, "Trần Thị Bình", "1990-07-21", "F", "HN-TEST-1", "spouse", AN)
                .replace("\"reason\":\"Đăng ký\"", "\"reason\":\"Bổ sung ngày sinh theo giấy khai sinh\"");
        HttpResponse<String> first = send("reg.badinh", "PUT", "/api/v1/population/citizens/" + BINH, corrected, null,
                "\"1\"");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"birthDate\":\"1990-07-21\"").contains("\"version\":2");
        HttpResponse<String> stale = send("reg.badinh", "PUT", "/api/v1/population/citizens/" + BINH, corrected, null,
                "\"1\"");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("now version 2");
        HttpResponse<String> old = send("reg.badinh", "GET", "/api/v1/population/citizens/" + BINH + "/as-of?at="
                + beforeChange, null, "Đối chiếu");
        assertThat(old.body()).contains("\"birthDate\":\"1990-07\"").contains("\"version\":1");
        HttpResponse<String> history = send("reg.badinh", "GET", "/api/v1/population/citizens/" + BINH + "/history",
                null, "Đối chiếu");
        assertThat(history.body()).containsSubsequence("\"version\":2", "\"version\":1")
                .contains("Bổ sung ngày sinh theo giấy khai sinh");
    }

    @Test
    void verifierLearnsMatchOrNoMatchAndNothingMore() throws Exception {
        HttpResponse<String> match = send("reg.verifier", "POST", "/api/v1/population/verifications",
                "{\"idNumber\":\"" + AN + "\",\"fullName\":\"nguyễn văn an\",\"birthDate\":\"1985-03-12\"}", "Khám bệnh");
        assertThat(match.body()).contains("\"outcome\":\"MATCH\"").doesNotContain("Ba Đình").doesNotContain("00004")
                .contains("\"person\":null");
        HttpResponse<String> wrong = send("reg.verifier", "POST", "/api/v1/population/verifications",
                "{\"idNumber\":\"" + AN + "\",\"birthDate\":\"1985-03-13\"}", "Khám bệnh");
        assertThat(wrong.body()).contains("\"outcome\":\"NO_MATCH\"");
        HttpResponse<String> reader = send("reg.reader", "POST", "/api/v1/population/verifications",
                "{\"idNumber\":\"" + AN + "\"}", "Quyết toán thuế");
        assertThat(reader.body()).contains("\"outcome\":\"MATCH\"").contains("\"permanentCommune\":\"00004\"");
        assertThat(send("reg.verifier", "GET", "/api/v1/population/citizens/" + AN, null, "x").statusCode())
                .isEqualTo(403);
    }

    @Test
    void batchVerificationAnswersInOrderAndLogsEachPersonFound() throws Exception {
        long before = logCount(AN, "verification");
        HttpResponse<String> r = send("reg.verifier", "POST", "/api/v1/population/verifications/batch",
                "[{\"idNumber\":\"" + AN + "\"},{\"idNumber\":\"079085999999\"},{\"idNumber\":\"" + BINH + "\"}]",
                "Đối soát");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).containsSubsequence(AN, "MATCH", "079085999999", "NO_MATCH", BINH, "MATCH");
        assertThat(logCount(AN, "verification")).isEqualTo(before + 1);
        HttpResponse<String> bad = send("reg.verifier", "POST", "/api/v1/population/verifications/batch",
                "[{\"idNumber\":\"12345\"}]", "Đối soát");
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesInconsistentOrMalformedRecords() throws Exception {
        // The number says female (digit 1) but the record says male.
        HttpResponse<String> wrongSex = send("reg.badinh", "POST", "/api/v1/population/citizens",
                person("001185700009", "Lê Văn Dũng", "1985-01-01", "M", null, null, null), null);
        assertThat(wrongSex.statusCode()).isEqualTo(400);
        assertThat(wrongSex.body()).contains("female person");
        HttpResponse<String> unknownCommune = send("reg.badinh", "POST", "/api/v1/population/citizens",
                person("001085700010", "Lê Văn Em", "1985-01-01", "M", null, null, null).replace("00004", "99999"),
                null);
        assertThat(unknownCommune.statusCode()).isEqualTo(400);
        assertThat(send("reg.badinh", "GET", "/api/v1/population/citizens/12345678901x", null, "x").statusCode())
                .isEqualTo(400);
        assertThat(send("reg.badinh", "GET", "/api/v1/population/citizens/001085700099", null, "x").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theAccessLogShowsEveryReadPath() throws Exception {
        send("reg.badinh", "GET", "/api/v1/population/citizens/" + AN, null, "Đường đọc 1");
        HttpResponse<String> log = send("reg.badinh", "GET", "/api/v1/population/citizens/" + AN + "/access-log", null,
                "Xem nhật ký");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("Đường đọc 1").contains("\"actor\":\"reg.badinh\"")
                .contains("\"agency\":\"000.04.XA.H01\"");
    }

    @Test
    void everyReadPathWritesTheAccessLog() throws Exception {
        String[] paths = {"/api/v1/population/citizens/" + AN, "/api/v1/population/citizens/" + AN + "/history",
            "/api/v1/population/citizens/" + AN + "/as-of?at=2030-01-01",
            "/api/v1/population/citizens/" + AN + "/access-log", "/api/v1/population/households/HN-TEST-1",
            "/api/v1/population/citizens?name=nguyen+van+an"};
        for (String path : paths) {
            long before = logCount(AN, "api");
            HttpResponse<String> r = send("reg.badinh", "GET", path, null, "Kiểm tra đường đọc");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(logCount(AN, "api")).as("a log row for " + path).isEqualTo(before + 1);
        }
    }

    @Test
    void simultaneousReadsAreEachLoggedOnceWithTheirOwnPurpose() throws Exception {
        // Reads arriving together are written as one group; each must still get its own row,
        // committed before its answer.
        int reads = 40;
        String run = Long.toString(System.nanoTime(), 36);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = java.util.stream.IntStream.range(0, reads).mapToObj(i -> executor.submit(() -> {
                HttpResponse<String> r = send("reg.badinh", "GET", "/api/v1/population/citizens/" + AN, null,
                        "Song song " + run + " #" + i);
                long logged = jdbc.sql("select count(*) from population.access_log where citizen_id = ? "
                        + "and purpose = ?").params(Long.parseLong(AN), "Song song " + run + " #" + i)
                        .query(Long.class).single();
                return r.statusCode() + "/" + logged;
            })).toList();
            for (var answer : answers) {
                assertThat(answer.get()).as("status/rows already logged when the answer came").isEqualTo("200/1");
            }
        }
        assertThat(jdbc.sql("select count(*) from population.access_log where purpose like ?")
                .param("Song song " + run + " #%").query(Long.class).single()).isEqualTo(reads);
    }

    private long logCount(String id, String channel) {
        return jdbc.sql("select count(*) from population.access_log where citizen_id = ? and channel = ?")
                .params(Long.parseLong(id), channel).query(Long.class).single();
    }

    private static String person(String id, String name, String born, String sex, String household, String relation,
            String spouse) {
        return """
                {"record":{"idNumber":"%s","fullName":"%s","birthDate":"%s","sex":"%s","ethnicity":"Kinh",
                "permanentCommune":"00004","permanentAddress":"12 Phố Đội Cấn","householdNumber":%s,
                "relationToHead":%s,"maritalStatus":"%s","spouseId":%s},"reason":"Đăng ký","legalBasis":"Luật Cư trú 2020"}"""
                .formatted(id, name, born, sex, household == null ? "null" : "\"" + household + "\"",
                        relation == null ? "null" : "\"" + relation + "\"", spouse == null ? "single" : "married",
                        spouse == null ? "null" : "\"" + spouse + "\"");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> send(String user, String method, String path, String body, String purpose)
            throws Exception {
        return send(user, method, path, body, purpose, null);
    }

    private HttpResponse<String> send(String user, String method, String path, String body, String purpose,
            String ifMatch) throws Exception {
        if (purpose != null) {
            path += (path.contains("?") ? "&" : "?") + "purpose="
                    + java.net.URLEncoder.encode(purpose, StandardCharsets.UTF_8);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + (systems.containsKey(user) ? systems.get(user)
                        : TestTokens.officialToken(port, jdbc, user, PASSWORD)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
