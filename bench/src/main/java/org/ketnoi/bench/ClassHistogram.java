package org.ketnoi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server JVM's live heap, from {@code jcmd <pid> GC.class_histogram}: the command runs a full
 * collection first, so what it lists is what survives one, class by class, in bytes. Two of them
 * give the heap a phase left behind and which classes hold it.
 *
 * <p>The JVM also lists its filler objects ({@code jdk.internal.vm.FillerElement[]} and
 * {@code FillerObject}): dead space it formats as objects so the heap stays walkable, for example
 * the unused ends of threads' allocation buffers. They are no one's data (one run showed 14 MB of
 * them appear between two histograms), so they are left out of the totals.
 *
 * @param totalBytes bytes of all live objects, fillers left out
 * @param instances number of live objects, fillers left out
 * @param byClass bytes per class name
 */
record ClassHistogram(long totalBytes, long instances, Map<String, Long> byClass, Map<String, Long> countByClass) {

    /** " 1:  123456  9876543  java.lang.String (java.base@25)" */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)");

    static ClassHistogram parse(List<String> lines) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = -1;
        long instances = -1;
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
                counts.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
                continue;
            }
            Matcher t = TOTAL.matcher(line);
            if (t.find()) {
                instances = Long.parseLong(t.group(1));
                total = Long.parseLong(t.group(2));
            }
        }
        if (total < 0) {
            throw new BenchmarkFailed("jcmd GC.class_histogram printed no Total line: " + String.join(" | ",
                    lines.subList(0, Math.min(5, lines.size()))));
        }
        for (String filler : List.copyOf(bytes.keySet())) {
            if (isFiller(filler)) {
                total -= bytes.remove(filler);
                instances -= counts.remove(filler);
            }
        }
        return new ClassHistogram(total, instances, bytes, counts);
    }

    static boolean isFiller(String className) {
        return className.startsWith("[Ljdk.internal.vm.Filler") || className.startsWith("jdk.internal.vm.Filler");
    }

    /** Runs jcmd of the JDK that runs the benchmark (the server's JDK) against the server. */
    static ClassHistogram of(long pid, Path log) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new BenchmarkFailed("jcmd GC.class_histogram did not finish within 2 min");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BenchmarkFailed("jcmd GC.class_histogram failed: " + String.join(" | ", lines));
            }
            return parse(lines);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot run " + jcmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    /** A class's growth from {@code before} to this one. */
    record Growth(String className, long bytes, long instances) {
    }

    /** The classes that grew most, largest first. */
    List<Growth> grownSince(ClassHistogram before, int limit) {
        List<Growth> growth = new ArrayList<>();
        byClass.forEach((name, b) -> {
            long delta = b - before.byClass.getOrDefault(name, 0L);
            long count = countByClass.getOrDefault(name, 0L) - before.countByClass.getOrDefault(name, 0L);
            if (delta > 0) {
                growth.add(new Growth(name, delta, count));
            }
        });
        growth.sort(Comparator.comparingLong(Growth::bytes).reversed());
        return growth.subList(0, Math.min(limit, growth.size()));
    }
}
