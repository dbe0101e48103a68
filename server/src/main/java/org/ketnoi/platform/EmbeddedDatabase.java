package org.ketnoi.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 18 whose cluster lives in {@code <data dir>/pg}. A new cluster is
 * initialised in a staging folder and moved into place only when complete, so a start that dies
 * half-way leaves nothing a second start could trip over.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String MAJOR_VERSION = "18";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path cluster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, Path cluster) {
        this.postgres = postgres;
        this.port = port;
        this.cluster = cluster;
    }

    /**
     * For commands such as verify-audit: uses the server of a running Ketnoi on the same data
     * directory (a cluster can have only one server), or starts one of its own.
     */
    static EmbeddedDatabase attachOrStart(Path dataDir, boolean fsync) {
        Path cluster = clusterOf(dataDir);
        if (inUseByAnotherProcess(cluster)) {
            Optional<Integer> port = runningPort(cluster);
            if (port.isPresent()) {
                return new EmbeddedDatabase(null, port.get(), cluster);
            }
        }
        return start(dataDir, fsync);
    }

    static Path clusterOf(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("pg");
    }

    static EmbeddedDatabase start(Path dataDir, boolean fsync) {
        Path cluster = clusterOf(dataDir);
        try {
            Files.createDirectories(cluster.getParent());
            if (!Files.exists(cluster.resolve("postgresql.conf"))) {
                initialise(cluster);
            }
            stopOrphanedServer(cluster);
            EmbeddedPostgres postgres = builder(cluster, fsync).start();
            return new EmbeddedDatabase(postgres, postgres.getPort(), cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + cluster, e);
        }
    }

    private static void initialise(Path cluster) throws IOException {
        Path staging = cluster.resolveSibling("pg.initialising");
        deleteRecursively(staging);
        deleteRecursively(cluster);
        log.info("Creating a new PostgreSQL {} cluster in {}", MAJOR_VERSION, cluster);
        builder(staging, true).start().close();
        Files.move(staging, cluster, StandardCopyOption.ATOMIC_MOVE);
    }

    private static EmbeddedPostgres.Builder builder(Path dir, boolean fsync) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost");
        sizedForThisMachine().forEach(builder::setServerConfig);
        // zonky starts PostgreSQL with -F (no fsync); a government registry must not lose
        // acknowledged writes when the machine loses power, so fsync is back on outside tests.
        if (fsync) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return builder;
    }

    /**
     * PostgreSQL's defaults (128 MB of buffers, a checkpoint every GB of WAL) suit a small shared
     * server; a registry of tens of millions of people on its own machine loads and reads several
     * times faster with buffers in proportion to the memory and rarer checkpoints (every checkpoint
     * makes the next write of each page log the whole page). Buffers are only touched as data is
     * read, so an idle platform stays small.
     */
    static java.util.Map<String, String> sizedForThisMachine() {
        long ram = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        long mb = 1024L * 1024;
        long buffers = Math.clamp(ram / 8, 128 * mb, 2048 * mb);
        return java.util.Map.of(
                "shared_buffers", buffers / mb + "MB",
                "effective_cache_size", Math.max(ram / 2, buffers) / mb + "MB",
                "maintenance_work_mem", "256MB",
                "max_wal_size", "4GB",
                "checkpoint_timeout", "15min");
    }

    /**
     * A PostgreSQL left running by a Ketnoi that was killed (SIGKILL) holds the cluster; nobody
     * else can use it, so it is shut down before this start takes the cluster over.
     */
    private static void stopOrphanedServer(Path cluster) {
        postmasterPid(cluster).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
            log.warn("Stopping PostgreSQL (pid {}) left running by an earlier Ketnoi", orphan.pid());
            orphan.destroy();
            try {
                orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.destroyForcibly();
                orphan.onExit().join();
            }
        });
    }

    /** Whether another Ketnoi process is using this cluster right now (it holds zonky's lock). */
    static boolean inUseByAnotherProcess(Path cluster) {
        Path lock = cluster.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (RandomAccessFile file = new RandomAccessFile(lock.toFile(), "rw");
             FileLock held = file.getChannel().tryLock()) {
            return held == null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return true;
        }
    }

    /** The port of the server that currently runs this cluster, from postmaster.pid. */
    static Optional<Integer> runningPort(Path cluster) {
        List<String> lines = postmasterLines(cluster);
        return lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    }

    /** The major version recorded in the cluster, if one exists. */
    static Optional<String> clusterVersion(Path cluster) {
        try {
            Path file = cluster.resolve("PG_VERSION");
            return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Long> postmasterPid(Path cluster) {
        List<String> lines = postmasterLines(cluster);
        return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
    }

    private static List<String> postmasterLines(Path cluster) {
        try {
            Path pidFile = cluster.resolve("postmaster.pid");
            return Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    Path cluster() {
        return cluster;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        }
    }
}
