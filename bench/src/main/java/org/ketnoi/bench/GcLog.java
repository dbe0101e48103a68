package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's {@code -Xlog:gc} lines, e.g.
 * {@code [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 150M->20M(490M) 5.123ms}: heap in
 * use before and after each collection. The largest "before" is the true peak of the heap in use;
 * the largest "after" is the most the application kept alive.
 */
record GcLog(int pauses, int fullPauses, long maxBeforeKib, long maxAfterKib, long maxCommittedKib,
        double totalPauseMillis, double maxPauseMillis) {

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) (Pause [^0-9]*?)\\s*(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

    static final GcLog NONE = new GcLog(0, 0, -1, -1, -1, 0, 0);

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    static GcLog parse(List<String> lines) {
        int pauses = 0;
        int full = 0;
        long before = -1;
        long after = -1;
        long committed = -1;
        double total = 0;
        double max = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            pauses++;
            if (m.group(1).contains("Full")) {
                full++;
            }
            before = Math.max(before, kib(m.group(2), m.group(3)));
            after = Math.max(after, kib(m.group(4), m.group(5)));
            committed = Math.max(committed, kib(m.group(6), m.group(7)));
            double ms = Double.parseDouble(m.group(8));
            total += ms;
            max = Math.max(max, ms);
        }
        return new GcLog(pauses, full, before, after, committed, total, max);
    }

    private static long kib(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n;
            case "M" -> n * 1024;
            default -> n * 1024 * 1024;
        };
    }
}
