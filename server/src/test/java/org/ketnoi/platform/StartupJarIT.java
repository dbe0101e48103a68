package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started the way an operator starts it: restarts, a kill in the middle of
 * loading reference data, and the one-line refusals for the usual operator mistakes.
 */
class StartupJarIT {

    private static final Duration START = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void survivesSigkillWhileLoadingReferenceDataAndLoadsEverythingOnceOnRestart() throws Exception {
        try (KetnoiProcess first = KetnoiProcess.start(Map.of(), "start", "--server.port=0",
                "--ketnoi.data-dir=" + dataDir)) {
            first.awaitLine(l -> l.contains("Loading reference data"), START);
            first.kill();
            assertThat(first.output()).doesNotContain("Reference data loaded");
        }
        Path cluster = dataDir.resolve("pg");
        // The killed JVM's PostgreSQL is still running: what it holds is what a crash leaves.
        try (Connection c = connect(cluster)) {
            assertThat(count(c, "select count(*) from agency.province")).isZero();
            assertThat(count(c, "select count(*) from agency.commune")).isZero();
            assertThat(count(c, "select count(*) from agency.agency")).isZero();
            assertThat(count(c, "select count(*) from public.flyway_schema_history where version = '20261123.1010'"))
                    .isZero();
        }
        try (KetnoiProcess second = KetnoiProcess.start(Map.of(), "start", "--server.port=0",
                "--ketnoi.data-dir=" + dataDir)) {
            int port = second.awaitRunning(START);
            assertThat(get(port, "/actuator/health")).contains("\"status\":\"UP\"");
            try (Connection c = connect(cluster)) {
                assertThat(count(c, "select count(*) from agency.province")).isEqualTo(34);
                assertThat(count(c, "select count(*) from agency.commune")).isEqualTo(3321);
                assertThat(count(c, "select count(*) from public.flyway_schema_history where version = '20261123.1010'"
                        + " and success")).isEqualTo(1);
                assertThat(count(c, "select count(*) from population.citizen"))
                        .as("demo population: 20,000 synthetic citizens and the 7 named people of the demo")
                        .isEqualTo(20_007);
                assertThat(count(c, "select count(*) from population.citizen where household_no = '01-DEMO-0001'"))
                        .as("the demo family").isEqualTo(4);
            }
            assertStoppedCleanly(second);
        }
        // A third start finds everything in place and loads nothing again.
        try (KetnoiProcess third = KetnoiProcess.start(Map.of(), "start", "--server.port=0",
                "--ketnoi.data-dir=" + dataDir)) {
            third.awaitRunning(START);
            assertThat(third.output()).doesNotContain("Loading reference data").doesNotContain("Creating a new")
                    .doesNotContain("Loading the demo population");
            try (Connection c = connect(cluster)) {
                assertThat(count(c, "select count(*) from agency.commune")).isEqualTo(3321);
            }
            assertStoppedCleanly(third);
        }
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).as("PostgreSQL stopped with Ketnoi").isFalse();
    }

    @Test
    void refusesAPortInUseWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            try (KetnoiProcess p = KetnoiProcess.start(Map.of(), "start", "--server.port=" + taken.getLocalPort(),
                    "--ketnoi.data-dir=" + dataDir)) {
                assertThat(p.awaitExit(START)).isEqualTo(2);
                assertThat(p.lines()).containsExactly("ketnoi: port " + taken.getLocalPort() + " is already in use; "
                        + "stop the program using it or start Ketnoi on another port with KETNOI_PORT=<port>");
            }
        }
        assertThat(Files.exists(dataDir.resolve("pg"))).as("nothing initialised").isFalse();
    }

    @Test
    void refusesADataDirectoryFromAnotherPostgresVersion() throws Exception {
        Files.createDirectories(dataDir.resolve("pg"));
        Files.writeString(dataDir.resolve("pg/PG_VERSION"), "15\n");
        try (KetnoiProcess p = KetnoiProcess.start(Map.of("KETNOI_DATA_DIR", dataDir.toString()), "start",
                "--server.port=0")) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            assertThat(p.lines()).hasSize(1);
            assertThat(p.lines().getFirst()).startsWith("ketnoi: the data directory ")
                    .contains("holds a PostgreSQL 15 cluster, but this Ketnoi runs PostgreSQL 18");
        }
        assertThat(Files.readString(dataDir.resolve("pg/PG_VERSION"))).as("left untouched").isEqualTo("15\n");
    }

    @Test
    void refusesAnUnreachableExternalDatabase() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KetnoiProcess p = KetnoiProcess.start(Map.of(
                "KETNOI_DB_URL", "jdbc:postgresql://localhost:" + closedPort + "/ketnoi",
                "KETNOI_DB_USER", "ketnoi", "KETNOI_DB_PASSWORD", "x",
                "KETNOI_DATA_DIR", dataDir.toString()), "start", "--server.port=0")) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            assertThat(p.lines()).containsExactly("ketnoi: cannot reach the database at jdbc:postgresql://localhost:"
                    + closedPort + "/ketnoi; check that PostgreSQL runs there and that KETNOI_DB_URL names the right "
                    + "host and port");
        }
    }

    @Test
    void refusesAnUnknownCommand() throws Exception {
        try (KetnoiProcess p = KetnoiProcess.start(Map.of(), "frobnicate")) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            assertThat(p.lines()).containsExactly("ketnoi: unknown command 'frobnicate'; use start, verify-audit or generate-population");
        }
    }

    /** SIGTERM, as a service manager sends it: the JVM reports 143 (128 + 15) after a clean shutdown. */
    static void assertStoppedCleanly(KetnoiProcess p) throws InterruptedException {
        assertThat(p.stop()).isEqualTo(143);
        assertThat(p.output()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }

    static Connection connect(Path cluster) throws Exception {
        List<String> pid = Files.readAllLines(cluster.resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres",
                "postgres", "");
    }

    static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
