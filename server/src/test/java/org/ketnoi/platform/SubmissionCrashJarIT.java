package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketnoi.identity.ProviderBrowser;
import org.ketnoi.identity.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The packaged jar, with fsync on as operators run it, killed with SIGKILL (the JVM and its
 * PostgreSQL, every process of the tree, as close to the machine losing power as one box allows)
 * in the middle of a burst of dossier submissions. After a restart on the same data directory:
 * every acknowledged submission is there once, under the code it was acknowledged with, with its
 * process waiting at the one-stop desk; whatever was saved without its answer reaching the citizen
 * is complete and visible to them; and sending any unanswered submission again never makes a
 * second dossier.
 */
class SubmissionCrashJarIT {

    private static final Duration START = Duration.ofSeconds(150);
    /** The demo citizen account (Nguyễn Văn An of the demo cast), created at first start. */
    private static final String CITIZEN = "001085398584";
    private static final String PROCEDURE = "1.001193";
    private static final int SENDERS = 16;
    /** The kill comes once this many submissions were acknowledged (the burst keeps going meanwhile). */
    private static final int KILL_AFTER = 200;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** A test that fails half-way must not leave this data directory's PostgreSQL running. */
    @AfterEach
    void stopLeftoverPostgres() {
        postmaster().filter(ProcessHandle::isAlive).ifPresent(pg -> {
            pg.destroy();
            pg.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> {
                pg.destroyForcibly();
                return pg;
            }).join();
        });
    }

    @Test
    void everyAcknowledgedSubmissionSurvivesSigkillOnceWithItsProcessAndNothingElseIsHidden() throws Exception {
        long t0 = System.nanoTime();
        Set<UUID> sent = ConcurrentHashMap.newKeySet();
        Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> refusedBeforeKill = new ConcurrentLinkedQueue<>();
        String sha256;
        double burstSeconds;
        long startMillis;
        try (KetnoiProcess first = start()) {
            int port = first.awaitRunning(START);
            startMillis = (System.nanoTime() - t0) / 1_000_000;
            try (Connection c = StartupJarIT.connect(cluster())) {
                assertThat(setting(c, "fsync")).as("the operator's default: fsync on").isEqualTo("on");
                assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            }
            String token = signIn(port);
            sha256 = upload(port, token, birthNotice());

            // One submission first, and its repeat: the form is valid and the key is honoured.
            UUID probe = UUID.randomUUID();
            HttpResponse<String> created = submit(port, token, probe, sha256);
            assertThat(created.statusCode()).as("%s\nserver output:\n%s", created.body(), tail(first)).isEqualTo(201);
            String probeCode = json.readTree(created.body()).path("code").asString();
            HttpResponse<String> again = submit(port, token, probe, sha256);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json.readTree(again.body()).path("code").asString()).isEqualTo(probeCode);
            assertThat(json.readTree(again.body()).path("repeated").asBoolean()).isTrue();
            sent.add(probe);
            acknowledged.put(probe, probeCode);

            // The burst: each sender submits new dossiers one after the other until the server dies.
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> senders = new ArrayList<>();
            long burstStart = System.nanoTime();
            for (int i = 0; i < SENDERS; i++) {
                senders.add(Thread.ofVirtual().name("sender-" + i).start(() -> {
                    while (true) {
                        UUID key = UUID.randomUUID();
                        sent.add(key);
                        HttpResponse<String> r;
                        try {
                            r = submit(port, token, key, sha256);
                        } catch (IOException e) {
                            if (killed.get()) {
                                return; // no answer: the server died with this one in flight
                            }
                            refusedBeforeKill.add(key + ": " + e);
                            return;
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (r.statusCode() == 201) {
                            String code = json.readTree(r.body()).path("code").asString();
                            if (!code.isEmpty()) {
                                acknowledged.put(key, code);
                            }
                        } else if (!killed.get()) {
                            refusedBeforeKill.add(key + ": " + r.statusCode() + " " + r.body());
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < KILL_AFTER + 1 && refusedBeforeKill.isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(refusedBeforeKill).as("submissions refused or failed before the kill; server output:\n%s",
                    tail(first)).isEmpty();
            assertThat(acknowledged).as("acknowledged within a minute").hasSizeGreaterThan(KILL_AFTER);
            killed.set(true);
            List<ProcessHandle> victims = killEveryProcessOf(first);
            burstSeconds = (System.nanoTime() - burstStart) / 1e9;
            for (Thread s : senders) {
                assertThat(s.join(Duration.ofSeconds(30))).as("a sender ends once the server is gone").isTrue();
            }
            for (ProcessHandle p : victims) {
                assertThat(p.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            assertThat(refusedBeforeKill).isEmpty();
        }
        Map<UUID, String> acked = Map.copyOf(acknowledged);
        Set<UUID> unanswered = new HashSet<>(sent);
        unanswered.removeAll(acked.keySet());

        long restartBegin = System.nanoTime();
        try (KetnoiProcess second = start()) {
            int port = second.awaitRunning(START);
            long restartMillis = (System.nanoTime() - restartBegin) / 1_000_000;
            assertThat(second.output()).as("nothing of the killed platform was still running")
                    .doesNotContain("left running by an earlier Ketnoi");
            String token = signIn(port);

            Map<UUID, Saved> saved = new HashMap<>();
            try (Connection c = StartupJarIT.connect(cluster())) {
                try (ResultSet rs = c.createStatement().executeQuery("""
                        select d.submission_key, d.code, d.applicant, d.status, d.stage, d.process_instance,
                               (select count(*) from act_ru_execution e where e.proc_inst_id_ = d.process_instance),
                               (select string_agg(t.task_def_key_, ',') from act_ru_task t
                                 where t.proc_inst_id_ = d.process_instance),
                               (select count(*) from dossier.event v where v.dossier_id = d.id),
                               (select count(*) from dossier.attachment a where a.dossier_id = d.id)
                          from dossier.dossier d""")) {
                    while (rs.next()) {
                        Saved s = new Saved(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getLong(10));
                        assertThat(saved.put(UUID.fromString(rs.getString(1)), s))
                                .as("one dossier per submission key").isNull();
                    }
                }
                assertThat(StartupJarIT.count(c, "select count(distinct code) from dossier.dossier"))
                        .as("no dossier code twice").isEqualTo(saved.size());
                assertThat(StartupJarIT.count(c, """
                        select count(*) from act_ru_execution e where e.parent_id_ is null
                           and not exists (select 1 from dossier.dossier d where d.process_instance = e.proc_inst_id_)"""))
                        .as("no process instance without its dossier").isZero();
            }

            // Every acknowledged submission: there once, under its code, complete, its process at the desk.
            for (Map.Entry<UUID, String> a : acked.entrySet()) {
                Saved s = saved.get(a.getKey());
                assertThat(s).as("the acknowledged submission %s (%s) after the crash", a.getKey(), a.getValue())
                        .isNotNull();
                assertThat(s.code()).isEqualTo(a.getValue());
                assertComplete(s);
            }
            // Whatever else was saved was sent by the citizen, and is complete and visible to them.
            Map<UUID, Saved> savedUnanswered = new LinkedHashMap<>();
            saved.forEach((key, s) -> {
                if (!acked.containsKey(key)) {
                    savedUnanswered.put(key, s);
                }
            });
            assertThat(unanswered).as("every saved dossier was sent by the citizen")
                    .containsAll(savedUnanswered.keySet());
            savedUnanswered.values().forEach(SubmissionCrashJarIT::assertComplete);

            Set<String> listed = new HashSet<>();
            HttpResponse<String> mine = get(port, token, "/api/v1/dossiers");
            assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
            for (JsonNode d : json.readTree(mine.body())) {
                listed.add(d.path("code").asString());
                assertThat(d.path("status").asString()).isEqualTo("SUBMITTED");
            }
            for (Saved s : savedUnanswered.values()) {
                assertThat(listed).as("an unacknowledged dossier is in its citizen's list").contains(s.code());
            }
            for (Saved s : saved.values()) {
                HttpResponse<String> r = get(port, token, "/api/v1/dossiers/" + s.code());
                assertThat(r.statusCode()).as("%s: %s", s.code(), r.body()).isEqualTo(200);
                JsonNode d = json.readTree(r.body());
                assertThat(d.path("code").asString()).isEqualTo(s.code());
                assertThat(d.path("status").asInt()).isEqualTo(1);
                assertThat(d.path("stage").asString()).isEqualTo("RECEPTION");
            }

            // Sending an unanswered submission again gives the dossier it made, or makes it: never a second one.
            int repeated = 0;
            int createdNow = 0;
            for (UUID key : unanswered) {
                HttpResponse<String> r = submit(port, token, key, sha256);
                JsonNode body = json.readTree(r.body());
                Saved s = saved.get(key);
                if (s != null) {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(body.path("repeated").asBoolean()).isTrue();
                    assertThat(body.path("code").asString()).isEqualTo(s.code());
                    repeated++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    assertThat(body.path("repeated").asBoolean()).isFalse();
                    createdNow++;
                }
            }
            try (Connection c = StartupJarIT.connect(cluster())) {
                assertThat(StartupJarIT.count(c, "select count(*) from dossier.dossier"))
                        .as("one dossier per submission sent").isEqualTo(sent.size());
                assertThat(StartupJarIT.count(c, "select count(distinct code) from dossier.dossier"))
                        .isEqualTo(sent.size());
            }
            System.out.printf("SubmissionCrashJarIT: first start %d ms; burst %.1f s, %d acknowledged (%.0f/s) "
                            + "before SIGKILL, %d sent without an answer of which %d were saved (%d made on retry); "
                            + "restart %d ms; %d dossiers after the retries%n",
                    startMillis, burstSeconds, acked.size(), acked.size() / burstSeconds, unanswered.size(),
                    repeated, createdNow, restartMillis, sent.size());
            StartupJarIT.assertStoppedCleanly(second);
        }
    }

    /** A dossier row with what its submission transaction wrote beside it. */
    private record Saved(String code, String applicant, int status, String stage, String processInstance,
            long executions, String tasks, long events, long attachments) {
    }

    /** The whole submission is there: status 1, the timeline line, the attachment, the process at reception. */
    private static void assertComplete(Saved s) {
        assertThat(s.applicant()).as(s.code()).isEqualTo(CITIZEN);
        assertThat(s.status()).as(s.code()).isEqualTo(1);
        assertThat(s.stage()).as(s.code()).isEqualToIgnoringCase("reception");
        assertThat(s.processInstance()).as(s.code()).isNotNull();
        assertThat(s.executions()).as("%s: its process is running", s.code()).isPositive();
        assertThat(s.tasks()).as("%s: its process waits at the one-stop desk", s.code()).isEqualTo("reception");
        assertThat(s.events()).as("%s: its timeline", s.code()).isEqualTo(1);
        assertThat(s.attachments()).as("%s: its birth notice", s.code()).isEqualTo(1);
    }

    /** The end of the server's output without stack frames, to tell why a request failed. */
    private static String tail(KetnoiProcess p) {
        List<String> lines = p.lines().stream().filter(l -> !l.startsWith("\tat ")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private KetnoiProcess start() throws IOException {
        return KetnoiProcess.start(Map.of("KETNOI_DEMO_POPULATION", "1", "KETNOI_DEMO_SMTP_PORT", "0"), "start",
                "--server.port=0", "--ketnoi.data-dir=" + dataDir, "--ketnoi.embedded-fsync=true");
    }

    private Path cluster() {
        return dataDir.resolve("pg");
    }

    private java.util.Optional<ProcessHandle> postmaster() {
        try {
            Path pid = cluster().resolve("postmaster.pid");
            return Files.exists(pid) ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).getFirst().trim()))
                    : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * SIGKILL to every process of the platform: PostgreSQL's postmaster and its backends (pg_ctl
     * started it, so it is no child of the JVM) first, so nothing commits after this instant, then
     * the JVM and anything it started. Returns them all.
     */
    private List<ProcessHandle> killEveryProcessOf(KetnoiProcess platform) {
        ProcessHandle jvm = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(KetnoiProcess.JAR.toString()))
                .filter(ProcessHandle::isAlive).findFirst()
                .orElseThrow(() -> new AssertionError("the platform's JVM is not running:\n" + platform.output()));
        ProcessHandle pg = postmaster().filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new AssertionError("no running PostgreSQL for " + cluster()));
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(pg);
        victims.addAll(pg.descendants().toList());
        victims.add(jvm);
        victims.addAll(jvm.descendants().toList());
        victims.forEach(ProcessHandle::destroyForcibly);
        return victims;
    }

    private String signIn(int port) throws Exception {
        Properties demo = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("demo-accounts.properties"))) {
            demo.load(in);
        }
        String password = demo.getProperty(CITIZEN);
        assertThat(password).as("the demo citizen's password").isNotBlank();
        return TestTokens.codeFlow(new ProviderBrowser(port), CITIZEN, password, null).accessToken();
    }

    /** A one-page PDF, as a scanned birth notice would be. */
    private static byte[] birthNotice() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(72, 720);
                text.showText("GIAY CHUNG SINH - Benh vien Phu san Ha Noi");
                text.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private String upload(int port, String token, byte[] pdf) throws Exception {
        String boundary = "ketnoi-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"giay-chung-sinh.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/uploads"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String sha = json.readTree(r.body()).path("sha256").asString();
        assertThat(sha).hasSize(64);
        return sha;
    }

    private HttpResponse<String> submit(int port, String token, UUID key, String sha256)
            throws IOException, InterruptedException {
        Map<String, Object> body = Map.of("procedure", PROCEDURE, "form", birthRegistration(key),
                "attachments", Map.of("birth-notice", List.of(sha256)), "submissionKey", key.toString(),
                "language", "vi");
        return http.send(HttpRequest.newBuilder(uri(port, "/api/v1/dossiers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Nguyễn Văn An registers a child's birth at Ba Đình, where the family lives; each child is another. */
    private static Map<String, Object> birthRegistration(UUID key) {
        return Map.of(
                "applicant", Map.of("idNumber", CITIZEN, "fullName", "Nguyễn Văn An", "birthDate", "1985-03-12",
                        "permanentAddress", "Số 12, ngõ 45, phố Đội Cấn", "permanentCommune", "00004",
                        "phone", "0912345678"),
                "relationship", "father",
                "child", Map.of("fullName", "Nguyễn Ngọc " + key.toString().substring(0, 4), "sex", "female",
                        "birthDate", "2025-10-05", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội, phường Láng, Hà Nội",
                        "ethnicity", "Kinh", "nationality", "Việt Nam", "hometown", "Nam Định"),
                "father", Map.of("fullName", "Nguyễn Văn An", "birthDate", "1985-03-12", "idNumber", CITIZEN),
                "mother", Map.of("fullName", "Phạm Thị Lan", "birthDate", "1988-09-02"),
                "registrationCommune", "00004");
    }

    private HttpResponse<String> get(int port, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String setting(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
