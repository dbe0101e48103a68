package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same jar on an external PostgreSQL (Debian's server binaries, started separately with
 * password authentication), and its refusal of wrong credentials. Skipped, saying why, on a
 * machine without those binaries.
 */
class ExternalDatabaseJarIT {

    private static final String USER = "ketnoi_app";
    private static final String PASSWORD = "s3cret-for-tests";
    private static Path pgBin;
    private static Path cluster;
    private static int port;
    private static boolean asPostgresUser;

    @BeforeAll
    static void startSeparatePostgres() throws Exception {
        pgBin = debianPostgres().orElse(null);
        if (pgBin == null) {
            abort("No Debian PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): install the "
                    + "'postgresql' package to run the external-database test");
        }
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        if (asPostgresUser && run(List.of("id", "postgres")) != 0) {
            abort("Running as root without a 'postgres' user to run initdb as: install the 'postgresql' package");
        }
        Path base = Files.createTempDirectory("ketnoi-external-pg");
        cluster = base.resolve("cluster");
        Path pwfile = base.resolve("pw");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (asPostgresUser) {
            run(List.of("chown", "-R", "postgres", base.toString()));
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        check(pg("initdb", "-D", cluster.toString(), "-U", USER, "--auth=scram-sha-256", "--pwfile=" + pwfile,
                "-E", "UTF-8"), "initdb");
        check(pg("pg_ctl", "-D", cluster.toString(), "-l", base.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + base + " -c listen_addresses=localhost", "start"), "pg_ctl start");
    }

    @AfterAll
    static void stopSeparatePostgres() throws Exception {
        if (cluster != null) {
            pg("pg_ctl", "-D", cluster.toString(), "-m", "fast", "-w", "stop");
            try (Stream<Path> files = Files.walk(cluster.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void runsOnAnExternalPostgresWithoutStartingTheEmbeddedOne() throws Exception {
        Path dataDir = Files.createTempDirectory("ketnoi-external-data");
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (KetnoiProcess p = KetnoiProcess.start(Map.of("KETNOI_DB_URL", url, "KETNOI_DB_USER", USER,
                "KETNOI_DB_PASSWORD", PASSWORD, "KETNOI_DATA_DIR", dataDir.toString()), "start", "--server.port=0")) {
            int appPort = p.awaitRunning(Duration.ofSeconds(120));
            p.awaitLine(l -> l.contains("Database"), Duration.ofSeconds(10));
            assertThat(p.output()).contains("external PostgreSQL at " + url);
            String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + appPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"db\":{").contains("\"status\":\"UP\"");
            try (Connection c = DriverManager.getConnection(url, USER, PASSWORD)) {
                assertThat(StartupJarIT.count(c, "select count(*) from agency.commune")).isEqualTo(3321);
                assertThat(StartupJarIT.count(c, "select count(*) from agency.province")).isEqualTo(34);
            }
            assertThat(Files.exists(dataDir.resolve("pg"))).as("no embedded cluster").isFalse();
            StartupJarIT.assertStoppedCleanly(p);
        }
    }

    @Test
    void refusesWrongCredentialsWithOneClearLine() throws Exception {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (KetnoiProcess p = KetnoiProcess.start(Map.of("KETNOI_DB_URL", url, "KETNOI_DB_USER", USER,
                "KETNOI_DB_PASSWORD", "wrong"), "start", "--server.port=0")) {
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(p.lines()).containsExactly("ketnoi: the database at " + url + " refused user '" + USER
                    + "': wrong KETNOI_DB_USER or KETNOI_DB_PASSWORD");
        }
    }

    private static Optional<Path> debianPostgres() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
        }
    }

    private static int pg(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(pgBin.resolve(tool).toString());
        command.addAll(List.of(args));
        return run(command);
    }

    private static int run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void check(int exit, String what) {
        if (exit != 0) {
            throw new IllegalStateException(what + " failed with exit code " + exit);
        }
    }
}
