package org.ketnoi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@code ./ketnoi bench population}:
 * {@code [--count N] [--seed S] [--duration 20s] [--warmup 5s] [--concurrency C[,C...]] [--keep-data] [--stream]
 * [--no-copy-peer]}.
 *
 * @param count citizens to generate, import and look up
 * @param seed seed of the synthetic population (the same count and seed give the same file)
 * @param duration how long each lookup measurement runs, after its warm-up
 * @param warmup how long each lookup measurement runs before it is recorded
 * @param concurrency the numbers of concurrent clients to try, each one a separate measurement
 * @param keepData keep the run's data directory (the server's database) and the COPY file
 * @param stream pipe the generator's output straight into the import instead of writing the CSV to disk
 * @param copyPeer run PostgreSQL's COPY of the same rows (off with --no-copy-peer)
 * @param arguments the arguments as given, for the "command" line of the results
 */
record PopulationOptions(long count, long seed, Duration duration, Duration warmup, List<Integer> concurrency,
        boolean keepData, boolean stream, boolean copyPeer, List<String> arguments) {

    static final String NAME = "population";
    static final long DEFAULT_COUNT = 10_000_000;
    static final long DEFAULT_SEED = 1;
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    static final int DEFAULT_CONCURRENCY = 16;
    /** The server keeps 20 connections and PostgreSQL allows 100; the bare-lookup peer opens one per client. */
    static final int MAX_CONCURRENCY = 64;

    static final String USAGE = """
            usage: ./ketnoi bench population [--count N] [--seed S] [--duration 20s] [--warmup 5s]
                                             [--concurrency C[,C...]] [--keep-data] [--stream]
                                             [--no-copy-peer]
              --count N          citizens to generate and import (default 10,000,000; 10M, 500k and
                                 10_000_000 are understood)
              --seed S           seed of the synthetic population (default 1); the file is reused
                                 from bench/target/population/ when the same count and seed exist
              --duration D       each lookup measurement, after its warm-up (default 20s; 90s, 2m)
              --warmup D         warm-up before each lookup measurement (default 5s)
              --concurrency C    concurrent clients; several, comma-separated, are each measured and
                                 the best sustainable rate is reported (default 16, at most 64)
              --keep-data        keep the server's data directory and the COPY file afterwards
              --stream           no CSV on disk: the generator's output is piped into the import as it
                                 is written (generation runs at the same time and shares the CPU)
              --no-copy-peer     skip PostgreSQL's COPY of the same rows and its COPY file (the import
                                 goal then reads "not measured in this run")""";

    static PopulationOptions parse(String... args) {
        long count = DEFAULT_COUNT;
        long seed = DEFAULT_SEED;
        Duration duration = DEFAULT_DURATION;
        Duration warmup = DEFAULT_WARMUP;
        List<Integer> concurrency = List.of(DEFAULT_CONCURRENCY);
        boolean keepData = false;
        boolean stream = false;
        boolean copyPeer = true;
        for (Arguments.Option o : Arguments.read(NAME, Set.of("--keep-data", "--stream", "--no-copy-peer"), args)) {
            switch (o.name()) {
                case "--keep-data" -> keepData = true;
                case "--stream" -> stream = true;
                case "--no-copy-peer" -> copyPeer = false;
                case "--count" -> count = o.positiveCount();
                case "--seed" -> seed = number(o.value(), "--seed");
                case "--duration" -> duration = o.duration();
                case "--warmup" -> warmup = o.duration();
                case "--concurrency" -> concurrency = concurrency(o.value());
                default -> throw o.unknown();
            }
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup cannot be negative");
        }
        return new PopulationOptions(count, seed, duration, warmup, concurrency, keepData, stream, copyPeer,
                List.of(args));
    }

    /** 10000000, 10_000_000, 10,000,000, 10M, 500k, 1e7. */
    static long positiveCount(String value, String option) {
        String v = value.trim().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("k")) {
            factor = 1_000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            double parsed = Double.parseDouble(v) * factor;
            if (parsed < 1 || parsed > 1e12 || parsed != Math.rint(parsed)) {
                throw new IllegalArgumentException(option + " must be a whole number of at least 1, not '" + value + "'");
            }
            return (long) parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number such as 10000000 or 10M, not '" + value + "'");
        }
    }

    private static long number(String value, String option) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }

    /** 20s, 90s, 2m, 500ms, or a bare number of seconds. */
    static Duration duration(String value, String option) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            if (option.equals("--duration") && d.toMillis() < 1000) {
                throw new IllegalArgumentException("--duration must be at least 1s, not '" + value + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a duration such as 20s or 2m, not '" + value + "'");
        }
    }

    private static List<Integer> concurrency(String value) {
        List<Integer> levels = new ArrayList<>();
        for (String part : value.split(",")) {
            int c;
            try {
                c = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--concurrency needs whole numbers such as 16 or 4,16,64, not '"
                        + value + "'");
            }
            if (c < 1 || c > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("--concurrency must be between 1 and " + MAX_CONCURRENCY
                        + ", not " + c);
            }
            if (!levels.contains(c)) {
                levels.add(c);
            }
        }
        return List.copyOf(levels);
    }
}
