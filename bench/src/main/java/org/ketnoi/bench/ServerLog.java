package org.ketnoi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's console log (what KetnoiServer redirects to a file): its ERROR and WARN entries, each
 * with its root cause (the last "Caused by:" of its stack trace), counted by kind. A figure measured
 * while the server was failing is not a figure, so the report shows these beside the measurement.
 */
final class ServerLog {

    /** One logged problem: its first line and the root cause of its stack trace, if any. */
    record Entry(String line, String rootCause) {

        /** What identifies the kind: the root cause without numbers that change (durations, counts). */
        String kind() {
            String text = rootCause != null ? rootCause : line.replaceFirst("^\\S+\\s+", "");
            return text.replaceAll("\\d+", "N");
        }
    }

    private ServerLog() {
    }

    static List<Entry> problems(Path log) {
        try {
            return problems(Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** A log line as the console pattern writes it: "HH:mm:ss.SSS LEVEL logger message". */
    private static final java.util.regex.Pattern ENTRY = java.util.regex.Pattern.compile(
            "^\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\s+(\\w+)\\s");

    static List<Entry> problems(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        String current = null;
        String cause = null;
        for (String line : lines) {
            java.util.regex.Matcher m = ENTRY.matcher(line);
            if (m.find()) {
                if (current != null) {
                    entries.add(new Entry(current, cause));
                }
                boolean problem = m.group(1).equals("ERROR") || m.group(1).equals("WARN");
                current = problem ? line : null;
                cause = null;
            } else if (current != null && line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            } else if (current != null && cause == null && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                cause = line; // the entry's own exception, until a "Caused by" says more
            }
        }
        if (current != null) {
            entries.add(new Entry(current, cause));
        }
        return entries;
    }

    /** "54 × CannotGetJdbcConnectionException ...; 2 × ..." for the entries from {@code from} on. */
    static String summary(List<Entry> entries, int from) {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (Entry e : entries.subList(Math.min(from, entries.size()), entries.size())) {
            byKind.merge(e.kind(), 1, Integer::sum);
            example.putIfAbsent(e.kind(), e.rootCause() != null ? e.rootCause() : e.line());
        }
        StringBuilder b = new StringBuilder();
        byKind.forEach((kind, n) -> {
            if (!b.isEmpty()) {
                b.append("; ");
            }
            String text = example.get(kind);
            b.append(n).append(" × ").append(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        });
        return b.toString();
    }
}
