package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL processes of a cluster.
 *
 * <p>Why not just the server JVM's descendants: pg_ctl starts the postmaster in the background
 * and exits, so the postmaster is re-parented to init and is no longer a descendant of the JVM
 * (checked on this machine). The cluster's postmaster.pid names it; its children are the
 * backends and background workers. The JVM's own postgres descendants are added too, in case a
 * future start-up keeps them attached.
 */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    static Optional<ProcessHandle> postmaster(Path cluster) {
        try {
            Path pidFile = cluster.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The postmaster and everything under it, plus any postgres process under {@code server}. */
    static List<ProcessHandle> of(Path cluster, ProcessHandle server) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        postmaster(cluster).ifPresent(pm -> {
            all.add(pm);
            pm.descendants().forEach(all::add);
        });
        server.descendants().filter(PostgresProcesses::isPostgres).forEach(all::add);
        return List.copyOf(all);
    }

    static List<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).toList();
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    }
}
