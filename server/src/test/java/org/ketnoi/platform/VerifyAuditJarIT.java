package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ketnoi verify-audit}, beside a running platform and on its own. */
class VerifyAuditJarIT {

    @TempDir
    Path dataDir;

    @Test
    void reportsAnIntactTrailThenFindsTampering() throws Exception {
        try (KetnoiProcess server = KetnoiProcess.start(Map.of(), "start", "--server.port=0",
                "--ketnoi.data-dir=" + dataDir)) {
            server.awaitRunning(Duration.ofSeconds(120));
            try (Connection c = StartupJarIT.connect(dataDir.resolve("pg"))) {
                c.createStatement().execute("""
                        insert into audit.entry(seq, recorded_at, actor, action, object, outcome, prev_hash, hash)
                        values (1, now(), 'official:a', 'test.action', 'thing:1', 'SUCCESS', repeat('0', 64), repeat('1', 64))""");
                c.createStatement().execute("update audit.chain_head set seq = 1, hash = repeat('1', 64)");
            }
            // Beside the running platform, the command uses its PostgreSQL.
            try (KetnoiProcess verify = KetnoiProcess.start(Map.of(), "verify-audit", "--ketnoi.data-dir=" + dataDir)) {
                assertThat(verify.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
                assertThat(verify.output()).contains("Audit trail BROKEN at entry 1: entry 1 was altered");
            }
            try (Connection c = StartupJarIT.connect(dataDir.resolve("pg"))) {
                c.createStatement().execute("alter table audit.entry disable trigger user");
                c.createStatement().execute("delete from audit.entry");
                c.createStatement().execute("alter table audit.entry enable trigger user");
                c.createStatement().execute("update audit.chain_head set seq = 0, hash = repeat('0', 64)");
            }
            StartupJarIT.assertStoppedCleanly(server);
        }
        // On its own, it starts the embedded PostgreSQL itself.
        try (KetnoiProcess verify = KetnoiProcess.start(Map.of(), "verify-audit", "--ketnoi.data-dir=" + dataDir)) {
            assertThat(verify.awaitExit(Duration.ofSeconds(120))).isZero();
            assertThat(verify.output()).contains("Audit trail intact: 0 entries");
        }
    }
}
