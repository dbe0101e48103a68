package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One server process started by the benchmark, from launch to a timed SIGTERM shutdown. */
final class KetnoiServer implements AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Process process;
    private final long launchedAt;
    private final Path dataDir;
    private final Path log;

    private KetnoiServer(Process process, long launchedAt, Path dataDir, Path log) {
        this.process = process;
        this.launchedAt = launchedAt;
        this.dataDir = dataDir;
        this.log = log;
    }

    static KetnoiServer launch(ServerLaunch launch, int port, Path dataDir, Path log) {
        return launch(launch.command(port, dataDir), launch.workingDir(), dataDir, log);
    }

    static KetnoiServer launch(List<String> command, Path workingDir, Path dataDir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // KETNOI_* variables of the developer's shell must not point the server elsewhere.
        builder.environment().keySet().removeIf(name -> name.startsWith("KETNOI_"));
        try {
            long launchedAt = System.nanoTime(); // the clock starts before fork/exec
            return new KetnoiServer(builder.start(), launchedAt, dataDir, log);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot start " + command, e);
        }
    }

    Path cluster() {
        return dataDir.resolve("pg");
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Milliseconds from launch to the first health UP, polling every 50 ms. */
    long awaitHealthy(HealthProbe probe, Duration timeout) {
        long deadline = launchedAt + timeout.toNanos();
        long nextPoll = System.nanoTime();
        while (true) {
            if (!process.isAlive()) {
                throw new BenchmarkFailed("the server exited with code " + process.exitValue()
                        + " before it was healthy; its output is in " + log + tail());
            }
            if (probe.isUp()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedAt);
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailed("the server was not healthy within " + timeout.toSeconds()
                        + " s; its output is in " + log + tail());
            }
            // Fixed schedule rather than a fixed sleep, so a slow poll does not stretch the period.
            nextPoll += POLL_NANOS;
            sleepNanos(nextPoll - System.nanoTime());
        }
    }

    /**
     * SIGTERM, then waits for the JVM to exit and for its PostgreSQL to be gone: the operator's
     * Ctrl-C is only finished when the database has stopped too.
     */
    Shutdown stop(Optional<ProcessHandle> postmaster, Duration timeout) {
        long start = System.nanoTime();
        process.destroy();
        boolean exited = waitFor(timeout);
        if (!exited) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
        long jvmExitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        boolean postgresStopped = postmaster.map(pm -> ProcState.awaitStopped(pm.pid(), Duration.ofSeconds(30)))
                .orElse(true);
        long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        boolean clean = exited && postgresStopped && !Files.exists(cluster().resolve("postmaster.pid"));
        return new Shutdown(totalMillis, jvmExitMillis, exited ? process.exitValue() : -1, clean);
    }

    /**
     * @param millis SIGTERM until the JVM and PostgreSQL are both gone
     * @param jvmExitMillis SIGTERM until the JVM exited
     * @param exitCode 143 is the normal answer to SIGTERM; -1 when it had to be killed
     * @param clean exited by itself, PostgreSQL stopped and removed its postmaster.pid
     */
    record Shutdown(long millis, long jvmExitMillis, int exitCode, boolean clean) {
    }

    /** For the benchmark's own shutdown hook: stop the server if the benchmark is interrupted. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                process.destroyForcibly();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? "" : "; it ends with:\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }

    static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }
}
