package org.ketnoi.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Checks run before Spring starts, so that the common operator mistakes (port taken, wrong
 * database credentials, a data directory from another PostgreSQL) end in one clear line and a
 * non-zero exit instead of a stack trace and a half-started platform.
 */
public final class Preflight {

    private final Map<String, String> settings;

    private Preflight(Map<String, String> settings) {
        this.settings = settings;
    }

    /** Reads the same settings application.yml reads: KETNOI_* variables, overridden by --key=value. */
    public static Preflight fromEnvironment(Map<String, String> env, String[] args) {
        Map<String, String> s = new HashMap<>();
        s.put("server.port", env.getOrDefault("KETNOI_PORT", env.getOrDefault("SERVER_PORT", "8080")));
        s.put("ketnoi.data-dir", env.getOrDefault("KETNOI_DATA_DIR", "data"));
        s.put("ketnoi.db.url", env.getOrDefault("KETNOI_DB_URL", ""));
        s.put("ketnoi.db.user", env.getOrDefault("KETNOI_DB_USER", ""));
        s.put("ketnoi.db.password", env.getOrDefault("KETNOI_DB_PASSWORD", ""));
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                s.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return new Preflight(s);
    }

    public void checkForServer() {
        checkDataDirectory();
        checkPort();
        checkDatabase(false);
    }

    public void checkForCommand() {
        checkDataDirectory();
        checkDatabase(true);
    }

    private void checkPort() {
        String raw = settings.get("server.port");
        int port;
        try {
            port = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new StartupRefused("KETNOI_PORT '" + raw + "' is not a number; set it to a free TCP port such as 8080");
        }
        if (port < 0 || port > 65535) {
            throw new StartupRefused("KETNOI_PORT " + port + " is outside 0-65535; set it to a free TCP port such as 8080");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupRefused("port " + port + " is already in use; stop the program using it "
                    + "or start Ketnoi on another port with KETNOI_PORT=<port>");
        }
    }

    private void checkDataDirectory() {
        Path dataDir = Path.of(settings.get("ketnoi.data-dir")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupRefused("cannot create the data directory " + dataDir + " (" + e.getMessage()
                    + "); make it writable or set KETNOI_DATA_DIR to a writable folder");
        }
        if (!Files.isWritable(dataDir)) {
            throw new StartupRefused("the data directory " + dataDir
                    + " is not writable; make it writable or set KETNOI_DATA_DIR to a writable folder");
        }
    }

    private void checkDatabase(boolean command) {
        if (settings.get("ketnoi.db.url").isBlank()) {
            checkEmbeddedCluster(command);
        } else {
            checkExternal();
        }
    }

    private void checkEmbeddedCluster(boolean command) {
        Path cluster = EmbeddedDatabase.clusterOf(Path.of(settings.get("ketnoi.data-dir")));
        EmbeddedDatabase.clusterVersion(cluster).ifPresent(version -> {
            if (!version.equals(EmbeddedDatabase.MAJOR_VERSION)) {
                throw new StartupRefused("the data directory " + cluster + " holds a PostgreSQL " + version
                        + " cluster, but this Ketnoi runs PostgreSQL " + EmbeddedDatabase.MAJOR_VERSION
                        + "; move that folder aside (after a pg_dump if you need its data) or set KETNOI_DATA_DIR");
            }
        });
        if (!command && EmbeddedDatabase.inUseByAnotherProcess(cluster)) {
            throw new StartupRefused("another Ketnoi is already running on the data directory " + cluster.getParent()
                    + "; stop it first or set KETNOI_DATA_DIR to another folder");
        }
    }

    private void checkExternal() {
        String url = settings.get("ketnoi.db.url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupRefused("KETNOI_DB_URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://db.example:5432/ketnoi, not '" + url + "'");
        }
        Properties props = new Properties();
        props.setProperty("user", settings.get("ketnoi.db.user"));
        props.setProperty("password", settings.get("ketnoi.db.password"));
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, props)) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            if (major < 15) {
                throw new StartupRefused("the database at " + url + " runs PostgreSQL " + major
                        + "; Ketnoi needs PostgreSQL 15 or newer");
            }
        } catch (SQLException e) {
            throw new StartupRefused(describe(e, url));
        }
    }

    static String describe(SQLException e, String url) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01", "28000" -> "the database at " + url + " refused user '" + settings(e)
                    + "': wrong KETNOI_DB_USER or KETNOI_DB_PASSWORD";
            case "3D000" -> "the database named in " + url + " does not exist; create it (createdb) or fix KETNOI_DB_URL";
            case "08001", "08004", "08006" -> "cannot reach the database at " + url
                    + "; check that PostgreSQL runs there and that KETNOI_DB_URL names the right host and port";
            default -> "cannot use the database at " + url + ": " + e.getMessage();
        };
    }

    private static String settings(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf('"');
        int j = i < 0 ? -1 : m.indexOf('"', i + 1);
        return i >= 0 && j > i ? m.substring(i + 1, j) : "?";
    }
}
