package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerLogTest {

    @Test
    void errorsAreCountedByTheirRootCause() {
        List<String> log = List.of(
                "03:00:40.697 INFO  o.k.p.imports.PopulationImports          Import job 1: ACCEPTED",
                "03:14:53.281 ERROR o.a.c.c.C.[.[.[/].[dispatcherServlet]    Servlet.service() threw exception",
                "org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection",
                "\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)",
                "Caused by: java.sql.SQLTransientConnectionException: ketnoi - Connection is not available, request "
                        + "timed out after 30011ms (total=20, active=20, idle=0, waiting=61)",
                "\t... 134 common frames omitted",
                "03:14:53.289 ERROR o.a.c.c.C.[.[.[/].[dispatcherServlet]    Servlet.service() threw exception",
                "org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection",
                "Caused by: java.sql.SQLTransientConnectionException: ketnoi - Connection is not available, request "
                        + "timed out after 30021ms (total=20, active=20, idle=0, waiting=59)",
                "03:15:00.000 WARN  com.zaxxer.hikari.pool.HikariPool        ketnoi - Thread starvation",
                "03:15:01.000 INFO  org.ketnoi.Ketnoi                        fine again");
        List<ServerLog.Entry> entries = ServerLog.problems(log);
        assertEquals(3, entries.size());
        assertEquals("2 × java.sql.SQLTransientConnectionException: ketnoi - Connection is not available, request timed "
                + "out after 30011ms (total=20, active=20, idle=0, waiting=61); 1 × 03:15:00.000 WARN  "
                + "com.zaxxer.hikari.pool.HikariPool        ketnoi - Thread starvation", ServerLog.summary(entries, 0));
        assertEquals(1, ServerLog.summary(entries, 2).split(";").length);
    }
}
