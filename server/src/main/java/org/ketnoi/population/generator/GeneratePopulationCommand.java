package org.ketnoi.population.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import org.ketnoi.platform.StartupRefused;
import org.ketnoi.population.CitizenDocument;
import org.ketnoi.population.CitizenRecord;
import org.ketnoi.population.imports.CitizenWriter;
import org.ketnoi.population.imports.Format;

/**
 * {@code ./ketnoi generate-population --count N [--seed S] [--format csv|ndjson] [--out FILE]}:
 * writes a synthetic population file, with a progress bar on the terminal. Needs no database.
 */
public final class GeneratePopulationCommand {

    private GeneratePopulationCommand() {
    }

    public static void run(String[] args) {
        long count = -1;
        long seed = 1;
        Format format = Format.CSV;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--count" -> count = number(value, "--count");
                case "--seed" -> seed = number(value, "--seed");
                case "--format" -> format = format(value);
                case "--out" -> out = Path.of(require(value, "--out"));
                default -> throw new StartupRefused("unknown option '" + arg
                        + "'; use generate-population --count N [--seed S] [--format csv|ndjson] [--out FILE]");
            }
            i++;
        }
        if (count < 1 || count > 200_000_000) {
            throw new StartupRefused("generate-population needs --count N with N between 1 and 200,000,000");
        }
        if (out == null) {
            out = Path.of(String.format(Locale.ROOT, "population-%d-seed%d.%s", count, seed, format.extension()));
        }
        generate(count, seed, format, out, System.err);
        System.out.println(out.toAbsolutePath());
    }

    /** Writes to a temporary file beside the target and moves it into place when complete. */
    static void generate(long count, long seed, Format format, Path out, PrintStream progress) {
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        long started = System.nanoTime();
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp),
                StandardCharsets.UTF_8), 1 << 16)) {
            CitizenWriter citizens = CitizenWriter.of(format, writer);
            Iterator<CitizenRecord> records = new PopulationGenerator(seed).generate(count);
            // A terminal gets a bar redrawn in place; a log file gets a line every tenth.
            boolean terminal = System.console() != null;
            long step = Math.max(1, terminal ? count / 200 : count / 10);
            long written = 0;
            long nextReport = step;
            while (records.hasNext()) {
                citizens.write(CitizenDocument.from(records.next()).values());
                written++;
                if (written >= nextReport || written == count) {
                    String bar = bar(written, count, System.nanoTime() - started);
                    progress.print(terminal ? "\r" + bar : bar + "\n");
                    nextReport = written + step;
                }
            }
            citizens.flush();
        } catch (IOException e) {
            throw new StartupRefused("cannot write " + out + ": " + e.getMessage());
        }
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StartupRefused("cannot move the finished file into " + out + ": " + e.getMessage());
        }
        if (System.console() != null) {
            progress.println();
        }
    }

    /** [#########.......]  45%  450,000 / 1,000,000  312,000 rec/s  left 1.8 s */
    static String bar(long done, long total, long elapsedNanos) {
        int width = 30;
        int filled = (int) (width * done / total);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        double left = rate > 0 ? (total - done) / rate : 0;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d / %,d  %,.0f records/s  %s left", "#".repeat(filled),
                ".".repeat(width - filled), 100 * done / total, done, total, rate, duration(left));
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + " s";
    }

    private static Format format(String value) {
        try {
            return Format.parse(value);
        } catch (org.ketnoi.platform.InvalidInput e) {
            throw new StartupRefused("--format is csv or ndjson, got '" + value + "'");
        }
    }

    private static long number(String value, String option) {
        try {
            return Long.parseLong(require(value, option).replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new StartupRefused(option + " needs a whole number, got '" + value + "'");
        }
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new StartupRefused(option + " needs a value");
        }
        return value;
    }
}
