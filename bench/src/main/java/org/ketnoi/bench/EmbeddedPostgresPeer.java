package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PostgreSQL alone, the first peer of the start-up figures: the same binaries the server runs
 * (extracted by zonky), started on the same cluster with the same settings, the same way zonky
 * starts them. Whatever the server takes beyond this is ours to engineer.
 */
final class EmbeddedPostgresPeer {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path binDir;
    private final List<String> prefix;
    private final Path workingDir;

    EmbeddedPostgresPeer(Path binDir, List<String> prefix, Path workingDir) {
        this.binDir = binDir;
        this.prefix = List.copyOf(prefix);
        this.workingDir = workingDir;
    }

    /**
     * Prefers the binaries the server's own postmaster was seen running; otherwise the newest
     * extraction under the temp folder, which is where zonky puts them.
     */
    static EmbeddedPostgresPeer locate(Optional<Path> seenPostgresBinary, Path workingDir) {
        Path bin = seenPostgresBinary.map(Path::getParent)
                .filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")))
                .orElseGet(EmbeddedPostgresPeer::newestExtraction);
        return new EmbeddedPostgresPeer(bin, userNamespacePrefix(), workingDir);
    }

    private static Path newestExtraction() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(dir -> dir.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(EmbeddedPostgresPeer::modified))
                    .orElseThrow(() -> new BenchmarkFailed("no PostgreSQL binaries with bin/pg_ctl under " + root));
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /**
     * PostgreSQL refuses to run as root. zonky then runs every binary under {@code unshare -U}
     * (a user namespace where we are "nobody") when that works; so do we, with zonky's own test.
     */
    static List<String> userNamespacePrefix() {
        if (!isRoot()) {
            return List.of();
        }
        String uid = Commands.output(List.of("unshare", "-U", "id", "-u"), Path.of("/"));
        return uid != null && !uid.equals("0") ? List.of("unshare", "-U") : List.of();
    }

    private static boolean isRoot() {
        try {
            return ProcMemory.field(Files.readAllLines(Path.of("/proc/self/status")), "Uid:") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code pg_ctl start -w}: returns once PostgreSQL accepts connections. */
    Commands.Timed start(Path cluster, int port, Path log) {
        // The settings of the server's EmbeddedDatabase (zonky's defaults plus ours, fsync on),
        // in the form zonky passes them; keep in step with server/.../EmbeddedDatabase.java.
        String options = "-p " + port + " -F -c timezone=UTC -c synchronous_commit=on"
                + " -c max_connections=100 -c listen_addresses=localhost -c fsync=on";
        return run(List.of("pg_ctl", "-D", cluster.toString(), "-o", options, "-w", "start"), log);
    }

    /** {@code pg_ctl stop -m fast -w}, the way zonky stops it when the server closes. */
    Commands.Timed stop(Path cluster, Path log) {
        return run(List.of("pg_ctl", "-D", cluster.toString(), "stop", "-m", "fast", "-t", "30", "-w"), log);
    }

    /** initdb of a new cluster with zonky's arguments: the floor of any fresh start. */
    Commands.Timed initdb(Path cluster, Path log) {
        return run(List.of("initdb", "-A", "trust", "-U", "postgres", "-D", cluster.toString(), "-E", "UTF-8"), log);
    }

    private Commands.Timed run(List<String> tool, Path log) {
        List<String> command = new ArrayList<>(prefix);
        command.add(binDir.resolve(tool.getFirst()).toString());
        command.addAll(tool.subList(1, tool.size()));
        // To a file, not a pipe: the postmaster inherits pg_ctl's output and outlives it.
        Commands.Timed timed = Commands.timed(command, workingDir, ProcessBuilder.Redirect.appendTo(log.toFile()),
                TIMEOUT);
        if (timed.exitCode() != 0) {
            throw new BenchmarkFailed(String.join(" ", command) + " failed with code " + timed.exitCode()
                    + "; see " + log);
        }
        return timed;
    }

    String describe() {
        return (prefix.isEmpty() ? "" : String.join(" ", prefix) + " ") + binDir + "/pg_ctl";
    }
}
