package org.ketnoi.bench;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The --stream mode: the server jar's {@code generate-population} writes into a named pipe that
 * this benchmark reads as the import's request body, so the CSV never lands on disk. A pipe and
 * not the generator's stdout because the generator has no {@code --out -}: it writes to
 * {@code <out>.part} and renames that when done, and prints the path on stdout. So the pipe is
 * made at {@code <out>.part}; the rename at the end moves the pipe, which holds no bytes.
 */
final class PopulationStream implements AutoCloseable {

    /** The kernel's clock tick for /proc times (USER_HZ, 100 on every Linux the platform targets). */
    private static final long TICKS_PER_SECOND = 100;

    private final List<String> command;
    private final Path workingDir;
    private final Path target;
    private final Path pipe;
    private final Path log;
    private final PopulationFile.Sampler sampler = new PopulationFile.Sampler("the generator's stream");
    private final AtomicLong peakRssKib = new AtomicLong(-1);
    private final AtomicLong cpuSeenMillis = new AtomicLong(-1);
    private volatile SamplingInputStream input;
    private volatile boolean opened;
    private Process process;
    private long startedNanos;
    private volatile long exitedNanos;
    private long childCpuTicksBefore;

    PopulationStream(Path java, Path serverJar, Path workingDir, Path runDir, long count, long seed) {
        this.target = runDir.resolve("stream.csv");
        this.pipe = target.resolveSibling(target.getFileName() + ".part");
        this.log = runDir.resolve("generator.log");
        this.workingDir = workingDir;
        this.command = PopulationFile.generatorCommand(java, serverJar, count, seed, target);
    }

    PopulationFile.Sampler sampler() {
        return sampler;
    }

    long bytes() {
        SamplingInputStream in = input;
        return in == null ? 0 : in.bytes();
    }

    /** What went wrong while taking the sample from the stream, or null. */
    RuntimeException failure() {
        SamplingInputStream in = input;
        return in == null ? null : in.failure();
    }

    Path log() {
        return log;
    }

    /** Makes the pipe and starts the generator, which waits in its open until {@link #open()} is called. */
    void start() {
        try {
            Files.deleteIfExists(pipe);
            Files.deleteIfExists(target);
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString()).redirectErrorStream(true)
                    .start();
            String said = new String(mkfifo.getInputStream().readAllBytes()).trim();
            if (mkfifo.waitFor() != 0) {
                throw new BenchmarkFailed("mkfifo " + pipe + " failed: " + said);
            }
            // After mkfifo is reaped, so the children's CPU counted from here on is the generator's alone.
            childCpuTicksBefore = childCpuTicks();
            startedNanos = System.nanoTime();
            process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.onExit().thenRun(() -> exitedNanos = System.nanoTime());
            Thread.ofPlatform().daemon().name("generator-watch").start(this::watch);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot start the generator into a pipe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    /**
     * The pipe's read end, watched by the sampler. Opening a pipe waits for its writer; if the
     * generator dies before it opens the pipe, the write end is opened here so the open returns and
     * the import reads an empty body (and the generator's exit code tells why).
     */
    SamplingInputStream open() throws IOException {
        Thread.ofVirtual().start(() -> {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            if (!opened) {
                try (FileOutputStream release = new FileOutputStream(pipe.toFile())) {
                    release.flush();
                } catch (IOException ignored) {
                    // The pipe is gone: the open below has already returned.
                }
            }
        });
        FileInputStream raw = new FileInputStream(pipe.toFile());
        opened = true;
        input = new SamplingInputStream(raw, sampler);
        return input;
    }

    /** Peak resident memory and CPU time of the generator, read while it runs. */
    private void watch() {
        while (process.isAlive()) {
            try {
                long hwm = ProcMemory.field(Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")),
                        "VmHWM:");
                peakRssKib.accumulateAndGet(hwm, Math::max);
            } catch (IOException | RuntimeException e) {
                // It exited between the check and the read.
            }
            process.toHandle().info().totalCpuDuration()
                    .ifPresent(d -> cpuSeenMillis.accumulateAndGet(d.toMillis(), Math::max));
            KetnoiServer.sleepNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /**
     * @param exitCode the generator's, or -1 if it had to be killed
     * @param millis from its start to its exit
     * @param cpuMillis its CPU time (user + system)
     * @param peakRssKib its peak resident memory (VmHWM), as last read while it ran
     */
    record Finished(int exitCode, long millis, long cpuMillis, long peakRssKib) {
    }

    /** Waits for the generator after the upload; the server has read everything, so it has finished writing. */
    Finished finish(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Finished(-1, -1, cpuSeenMillis.get(), peakRssKib.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted while waiting for the generator");
        }
        while (exitedNanos == 0) {
            Thread.onSpinWait();
        }
        // The JDK reaps the child with waitpid, which adds its times to ours as cutime and cstime: exact, unlike
        // the last sample taken while it ran.
        long ticks = childCpuTicks() - childCpuTicksBefore;
        long cpu = childCpuTicksBefore >= 0 && ticks > 0 ? ticks * 1000 / TICKS_PER_SECOND : cpuSeenMillis.get();
        return new Finished(process.exitValue(), TimeUnit.NANOSECONDS.toMillis(exitedNanos - startedNanos), cpu,
                peakRssKib.get());
    }

    /** cutime + cstime of this process: CPU of the children it has reaped, in clock ticks; -1 if unknown. */
    static long childCpuTicks() {
        try {
            return childCpuTicks(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields 16 and 17 of /proc/[pid]/stat, counted after the command name, which may hold spaces. */
    static long childCpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SamplingInputStream in = input;
        if (in != null) {
            in.close();
        }
        Files.deleteIfExists(pipe);
        Files.deleteIfExists(target);
    }
}
