package org.ketnoi.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be stopped if the benchmark is interrupted (Ctrl-C): a server or a PostgreSQL left
 * running would hold its port and memory and skew the next measurement on this shared machine.
 */
final class Cleanup {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "bench-cleanup"));
    }

    synchronized void register(AutoCloseable resource) {
        open.push(resource);
    }

    synchronized void done(AutoCloseable resource) {
        open.remove(resource);
    }

    private synchronized void closeAll() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                System.err.println("ketnoi bench: could not stop " + e.getMessage());
            }
        }
    }

    /**
     * Stops a benchmark's server, then its PostgreSQL if the JVM had to be killed and left it behind
     * (by its pid), then removes the run's files (also after a failure: a half-loaded database is
     * gigabytes on a shared disk; the logs stay).
     */
    void stopServer(KetnoiServer server, java.util.Optional<ProcessHandle> postmaster, AutoCloseable removeRunFiles) {
        server.close();
        done(server);
        postmaster.filter(ProcessHandle::isAlive).ifPresent(pm -> {
            pm.destroy();
            ProcState.awaitStopped(pm.pid(), java.time.Duration.ofSeconds(30));
        });
        try {
            removeRunFiles.close();
        } catch (Exception e) {
            System.err.println("ketnoi bench: " + e.getMessage());
        }
        done(removeRunFiles);
    }
}
