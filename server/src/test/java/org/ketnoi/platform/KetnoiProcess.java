package org.ketnoi.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar run as an operator runs it, in its own process, with its output captured. */
final class KetnoiProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("ketnoi.jar", "target/ketnoi-server.jar")).toAbsolutePath();
    private static final Pattern PORTAL = Pattern.compile("Portal\\s+http://localhost:(\\d+)/");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private KetnoiProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
    }

    static KetnoiProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("KETNOI_"));
        builder.environment().putAll(env);
        return new KetnoiProcess(builder.start());
    }

    /** Waits for a line the process prints; fails if it exits or the time runs out first. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            while (seen < lines.size()) {
                String line = lines.get(seen++);
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                Thread.sleep(50);
                if (seen >= lines.size()) {
                    throw new AssertionError("Ketnoi exited with " + process.exitValue() + " before the expected line:\n"
                            + output());
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("Timed out waiting for a line; output so far:\n" + output());
    }

    /** Waits until the start-up report names the port, and returns it. */
    int awaitRunning(Duration timeout) throws InterruptedException {
        Matcher m = PORTAL.matcher(awaitLine(l -> PORTAL.matcher(l).find(), timeout));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Ketnoi did not exit in " + timeout + "; output:\n" + output());
        }
        Thread.sleep(100);
        return process.exitValue();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(30));
    }

    String output() {
        return String.join("\n", lines);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
