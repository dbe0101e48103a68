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
}
