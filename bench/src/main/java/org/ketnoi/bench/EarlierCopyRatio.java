package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * For a run with --no-copy-peer: the import-to-COPY ratio of an earlier results file, so the report
 * can say where that ratio was measured. The largest count wins, then the newest file.
 *
 * @param file the results file's name (under bench/results/)
 * @param count citizens of that run
 * @param ratio import rate / COPY rate in that run
 */
record EarlierCopyRatio(String file, long count, double ratio) {

    private static final Pattern NAME = Pattern.compile("population-(\\d+)-(\\d{4}-\\d{2}-\\d{2})-.*\\.md");

    static Optional<EarlierCopyRatio> find(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(resultsDir)) {
            return files.map(EarlierCopyRatio::read).flatMap(Optional::stream)
                    .max(Comparator.comparingLong(EarlierCopyRatio::count).thenComparing(EarlierCopyRatio::date));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String date() {
        Matcher m = NAME.matcher(file);
        return (m.matches() ? m.group(2) : "") + file;
    }

    static Optional<EarlierCopyRatio> read(Path file) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        try {
            return ratio(Files.readAllLines(file)).map(r -> new EarlierCopyRatio(file.getFileName().toString(),
                    Long.parseLong(name.group(1)), r));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The ratio cell of the goal row "| Import of … | ours | COPY FROM file: … | 0.84 | **PASS** |". */
    static Optional<Double> ratio(List<String> lines) {
        for (String line : lines) {
            if (!line.startsWith("| Import of ")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length >= 6 && cells[3].contains("COPY FROM file")) {
                try {
                    return Optional.of(Double.parseDouble(cells[4].trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
