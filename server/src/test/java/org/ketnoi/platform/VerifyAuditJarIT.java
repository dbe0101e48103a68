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
            String original;
            // The first start wrote entries (demo accounts, demo import); forge the first one.
            try (Connection c = StartupJarIT.connect(dataDir.resolve("pg"))) {
                var rs = c.createStatement().executeQuery("select object from audit.entry where seq = 1");
                rs.next();
                original = rs.getString(1);
                c.createStatement().execute("alter table audit.entry disable trigger user");
                c.createStatement().execute("update audit.entry set object = 'account:forged' where seq = 1");
                c.createStatement().execute("alter table audit.entry enable trigger user");
            }
            // Beside the running platform, the command uses its PostgreSQL.
            try (KetnoiProcess verify = KetnoiProcess.start(Map.of(), "verify-audit", "--ketnoi.data-dir=" + dataDir)) {
                assertThat(verify.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
                assertThat(verify.output()).contains("Audit trail BROKEN at entry 1: entry 1 was altered");
            }
            try (Connection c = StartupJarIT.connect(dataDir.resolve("pg"));
                 var restore = c.prepareStatement("update audit.entry set object = ? where seq = 1")) {
                c.createStatement().execute("alter table audit.entry disable trigger user");
                restore.setString(1, original);
                restore.executeUpdate();
                c.createStatement().execute("alter table audit.entry enable trigger user");
            }
            StartupJarIT.assertStoppedCleanly(server);
        }
        // On its own, it starts the embedded PostgreSQL itself.
        try (KetnoiProcess verify = KetnoiProcess.start(Map.of(), "verify-audit", "--ketnoi.data-dir=" + dataDir)) {
            assertThat(verify.awaitExit(Duration.ofSeconds(120))).isZero();
            assertThat(verify.output()).containsPattern("Audit trail intact: [1-9][0-9]* entries");
        }
    }
}
