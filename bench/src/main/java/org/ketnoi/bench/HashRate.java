package org.ketnoi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Starts {@link Argon2Rate} in a JVM of its own on the server jar (the server's PasswordHashing and
 * Bouncy Castle, the server's JVM flags) and reads what it prints.
 */
final class HashRate {

    static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /**
     * @param cost PasswordHashing.describe() of the server jar
     * @param hash the encoded hash of the password, with its {argon2id} prefix
     * @param threads hashing threads
     * @param hashes completed in the measured window
     * @param windowNanos the measured window
     * @param cpuNanos CPU time of the hashing threads in the window
     * @param perThread hashes of each thread in the window
     * @param perSecond hashes completed in each second, warm-up included
     */
    record Result(String cost, String hash, int threads, long hashes, long windowNanos, long cpuNanos,
            List<Long> perThread, List<Long> perSecond) {

        double rate() {
            return windowNanos <= 0 ? Double.NaN : hashes / (windowNanos / 1e9);
        }

        /** Share of the window its threads were on a CPU: under 1 when something else took the cores. */
        double onCpu() {
            return windowNanos <= 0 || threads == 0 ? Double.NaN : cpuNanos / (double) windowNanos / threads;
        }

        double cpuMillisPerHash() {
            return hashes == 0 ? Double.NaN : cpuNanos / 1e6 / hashes;
        }

        /** Hashes per second of the slowest and the fastest thread. */
        double slowestThreadRate() {
            return perThread.stream().mapToLong(Long::longValue).min().orElse(0) / (windowNanos / 1e9);
        }

        double fastestThreadRate() {
            return perThread.stream().mapToLong(Long::longValue).max().orElse(0) / (windowNanos / 1e9);
        }
    }

    private HashRate() {
    }

    /** The command that runs Argon2Rate; {@code benchJar} is this benchmark's jar (or classes folder). */
    static List<String> command(Path java, Path serverJar, Path benchJar, int threads, Duration warmup,
            Duration duration, String password) {
        return command(java, serverJar, benchJar, threads, warmup, duration, password, null, List.of());
    }

    /**
     * As above; with a {@code recording}, JDK Flight Recorder records the measured window into it;
     * {@code moreFlags} go after the server's.
     */
    static List<String> command(Path java, Path serverJar, Path benchJar, int threads, Duration warmup,
            Duration duration, String password, Path recording, List<String> moreFlags) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(ServerLaunch.JVM_FLAGS);
        command.addAll(moreFlags);
        if (recording != null) {
            command.add(Jfr.startOption(warmup.toSeconds(), recording));
        }
        command.addAll(List.of("-cp", serverJar.toString(), "-Dloader.path=" + benchJar,
                "-Dloader.main=" + Argon2Rate.class.getName(), LAUNCHER, Integer.toString(threads),
                Long.toString(warmup.toMillis()), Long.toString(duration.toMillis()), password));
        return command;
    }

    /** Where this class was loaded from: bench/target/ketnoi-bench.jar, or target/classes in a test. */
    static Path benchJar() {
        try {
            return Path.of(HashRate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new BenchmarkFailed("cannot find the benchmark's own jar: " + e.getMessage(), e);
        }
    }

    /**
     * Runs it, reporting each second's count to {@code progress}; the output goes to {@code log} as well.
     * Fails with the log's tail when the JVM fails or prints no result.
     */
    static Result run(List<String> command, Path workingDir, Path log, Duration timeout, Consumer<Long> progress) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        List<String> lines = new ArrayList<>();
        try {
            Process process = builder.start();
            AtomicLong total = new AtomicLong();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("second ")) {
                        String[] parts = line.split("\\s+");
                        if (parts.length == 3) {
                            progress.accept(total.addAndGet(Long.parseLong(parts[2])));
                        }
                    }
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new BenchmarkFailed("the Argon2id hash JVM did not finish within " + timeout.toSeconds() + " s");
            }
            Files.write(log, lines, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BenchmarkFailed("the Argon2id hash JVM failed with code " + process.exitValue() + "; see "
                        + log + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            return parse(lines);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    /** The lines Argon2Rate prints; anything else (a JVM warning) is ignored. */
    static Result parse(List<String> lines) {
        String cost = null;
        String hash = null;
        List<Long> perSecond = new ArrayList<>();
        String measured = null;
        for (String line : lines) {
            if (line.startsWith("cost ")) {
                cost = line.substring(5).trim();
            } else if (line.startsWith("hash ")) {
                hash = line.substring(5).trim();
            } else if (line.startsWith("second ")) {
                String[] parts = line.trim().split("\\s+");
                perSecond.add(Long.parseLong(parts[2]));
            } else if (line.startsWith("measured ")) {
                measured = line;
            }
        }
        if (cost == null || hash == null || measured == null) {
            throw new BenchmarkFailed("the Argon2id hash JVM printed no result: "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        long hashes = -1;
        long nanos = -1;
        long cpu = -1;
        List<Long> perThread = new ArrayList<>();
        for (String field : measured.substring("measured ".length()).trim().split("\\s+")) {
            String[] kv = field.split("=", 2);
            switch (kv[0]) {
                case "hashes" -> hashes = Long.parseLong(kv[1]);
                case "nanos" -> nanos = Long.parseLong(kv[1]);
                case "cpu_nanos" -> cpu = Long.parseLong(kv[1]);
                case "per_thread" -> {
                    for (String n : kv[1].split(",")) {
                        perThread.add(Long.parseLong(n));
                    }
                }
                default -> {
                    // A later version may say more.
                }
            }
        }
        if (hashes < 0 || nanos <= 0) {
            throw new BenchmarkFailed("cannot read the Argon2id hash JVM's result: " + measured);
        }
        return new Result(cost, hash, perThread.size(), hashes, nanos, cpu, List.copyOf(perThread),
                List.copyOf(perSecond));
    }

    /** "7 8 10 21 21 …": the warm-up's shape, second by second, as the report shows it. */
    static String perSecondText(List<Long> perSecond) {
        StringBuilder b = new StringBuilder();
        for (Long n : perSecond) {
            b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%d", n));
        }
        return b.toString();
    }
}
