package org.ketnoi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's time goes, from JDK Flight Recorder with its {@code default} settings (a Java
 * stack sampled every 20 ms per running thread, about 1 % overhead): started and stopped in the
 * server with jcmd, read back with {@code jfr view hot-methods}, which counts the samples by the
 * method on top of the stack.
 */
final class Jfr {

    /** One row of {@code jfr view hot-methods}: the method on top of the sampled stacks, and its share. */
    record HotMethod(String method, long samples, double percent) {
    }

    /** A recording's top methods; {@code file} stays in the run folder. */
    record Profile(String what, Path file, List<HotMethod> top) {

        /** Share of the samples (0..1) whose top method's name starts with {@code prefix}, among the rows read. */
        double share(String prefix) {
            return top.stream().filter(h -> h.method().startsWith(prefix)).mapToDouble(HotMethod::percent).sum() / 100;
        }

        long samples() {
            return top.stream().mapToLong(HotMethod::samples).sum();
        }
    }

    private static final Pattern ROW = Pattern.compile("^(\\S.*?)\\s+([\\d,]+)\\s+([0-9.]+)%\\s*$");

    private Jfr() {
    }

    private static Path tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    static void start(long pid, String name, Path file, Path log) {
        run(List.of(tool("jcmd").toString(), Long.toString(pid), "JFR.start", "name=" + name, "settings=default",
                "filename=" + file), log);
    }

    /** Stops the recording, which writes its file. */
    static void stop(long pid, String name, Path log) {
        run(List.of(tool("jcmd").toString(), Long.toString(pid), "JFR.stop", "name=" + name), log);
    }

    /** The JVM option that records from {@code delaySeconds} after start until exit, into {@code file}. */
    static String startOption(long delaySeconds, Path file) {
        return "-XX:StartFlightRecording=" + (delaySeconds > 0 ? "delay=" + delaySeconds + "s," : "")
                + "settings=default,filename=" + file;
    }

    static Profile profile(String what, Path file, Path log) {
        return new Profile(what, file, parse(run(List.of(tool("jfr").toString(), "view", "--width", "260",
                "hot-methods", file.toString()), log)));
    }

    /** The rows of the hot-methods table, in its order (most samples first). */
    static List<HotMethod> parse(List<String> lines) {
        List<HotMethod> rows = new ArrayList<>();
        boolean table = false;
        for (String line : lines) {
            if (line.startsWith("----")) {
                table = true;
                continue;
            }
            if (!table || line.isBlank()) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.add(new HotMethod(m.group(1).trim(), Long.parseLong(m.group(2).replace(",", "")),
                        Double.parseDouble(m.group(3))));
            }
        }
        return rows;
    }

    private static List<String> run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new BenchmarkFailed(String.join(" ", command) + " did not finish within 2 min");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BenchmarkFailed(String.join(" ", command) + " failed: " + String.join(" | ",
                        lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            return lines;
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }
}
