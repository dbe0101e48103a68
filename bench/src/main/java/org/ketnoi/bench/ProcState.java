package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether a process that is not our child still runs, read from /proc/<pid>/stat.
 *
 * <p>Why not {@code ProcessHandle.onExit()}: for a non-child the JDK polls every 300 ms and more,
 * and it counts a zombie as alive. The postmaster is not our child, and after it exits it stays a
 * zombie until init reaps it, which took about a second on this machine (measured: postmaster a
 * zombie 0.1 s after SIGTERM, gone from /proc 1.5 s after). A zombie holds no memory, port or
 * files, so for "PostgreSQL has stopped" it counts as stopped.
 */
final class ProcState {

    private static final long POLL_MILLIS = 10;

    private ProcState() {
    }

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last ')'.
            String afterComm = stat.substring(stat.lastIndexOf(')') + 1).trim();
            char state = afterComm.isEmpty() ? 'X' : afterComm.charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls every 10 ms; true once the process has stopped, false if it still runs at the timeout. */
    static boolean awaitStopped(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            KetnoiServer.sleepNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        return true;
    }
}
