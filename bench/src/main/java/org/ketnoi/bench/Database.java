package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Plain JDBC to the server's embedded PostgreSQL, which keeps running as long as the server does:
 * its port is line 4 of the cluster's postmaster.pid, user postgres, no password (zonky's initdb
 * uses trust on localhost).
 */
final class Database {

    private Database() {
    }

    static int port(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                throw new BenchmarkFailed(pidFile + " has no port line");
            }
            return Integer.parseInt(lines.get(3).trim());
        } catch (IOException | NumberFormatException e) {
            throw new BenchmarkFailed("cannot read the PostgreSQL port from " + pidFile + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(int port) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", "ketnoi-bench");
        try {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
        } catch (SQLException e) {
            throw new BenchmarkFailed("cannot connect to PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new BenchmarkFailed("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs the statement and returns its duration in milliseconds (and the update count, for COPY the rows). */
    static Timed timed(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute(sql);
            long nanos = System.nanoTime() - start;
            return new Timed(nanos / 1_000_000, statement.getUpdateCount());
        } catch (SQLException e) {
            throw new BenchmarkFailed("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    record Timed(long millis, long rows) {
    }

    static long queryLong(Connection connection, String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new BenchmarkFailed("no row from " + sql);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BenchmarkFailed("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    static String queryString(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new BenchmarkFailed("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Tuples a running COPY into or out of the table has processed, or -1 when none runs (PostgreSQL 14+). */
    static long copyProgress(Connection monitor, String table) {
        try (PreparedStatement statement = monitor.prepareStatement(
                "select coalesce(sum(tuples_processed), -1) from pg_stat_progress_copy where relid = ?::regclass")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Cleaning up after a failure or at the end; nothing more to do.
        }
    }
}
