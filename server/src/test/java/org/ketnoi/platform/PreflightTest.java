package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path dir;

    @Test
    void refusesAPortThatIsNotANumber() {
        Preflight p = Preflight.fromEnvironment(Map.of("KETNOI_PORT", "eighty", "KETNOI_DATA_DIR", dir.toString()),
                new String[0]);
        assertThatThrownBy(p::checkForServer).isInstanceOf(StartupRefused.class)
                .hasMessage("KETNOI_PORT 'eighty' is not a number; set it to a free TCP port such as 8080");
    }

    @Test
    void argumentsOverrideTheEnvironment() {
        Preflight p = Preflight.fromEnvironment(Map.of("KETNOI_PORT", "8080", "KETNOI_DATA_DIR", dir.toString()),
                new String[] {"--server.port=99999"});
        assertThatThrownBy(p::checkForServer).hasMessageContaining("99999 is outside 0-65535");
    }

    @Test
    void refusesAUrlThatIsNotPostgres() {
        Preflight p = Preflight.fromEnvironment(Map.of("KETNOI_DB_URL", "jdbc:mysql://x/y",
                "KETNOI_DATA_DIR", dir.toString()), new String[] {"--server.port=0"});
        assertThatThrownBy(p::checkForServer).hasMessageStartingWith("KETNOI_DB_URL must be a PostgreSQL JDBC URL");
    }

    @Test
    void describesAuthenticationFailures() {
        String line = Preflight.describe(new java.sql.SQLException(
                "FATAL: password authentication failed for user \"clerk\"", "28P01"), "jdbc:postgresql://h/db");
        assertThat(line).isEqualTo("the database at jdbc:postgresql://h/db refused user 'clerk': wrong "
                + "KETNOI_DB_USER or KETNOI_DB_PASSWORD");
    }
}
