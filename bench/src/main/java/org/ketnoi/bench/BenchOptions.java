package org.ketnoi.bench;

import java.util.List;

/**
 * The command line of the benchmark jar: {@code [startup] [--runs N] [--keep-data]}.
 *
 * @param benchmark which benchmark to run: "startup", the default (the population benchmark has its own
 *     options, {@link PopulationOptions}, chosen by BenchMain)
 * @param runs how many times each measurement is repeated (medians need at least 3 to mean much)
 * @param keepData keep each run's data directory under bench/target/ for inspection
 * @param arguments the arguments as given, for the "command" line of the results
 */
record BenchOptions(String benchmark, int runs, boolean keepData, List<String> arguments) {

    static final String STARTUP = "startup";
    static final int DEFAULT_RUNS = 3;

    static final String USAGE = """
            usage: ./ketnoi bench [startup] [--runs N] [--keep-data]
                   ./ketnoi bench population [--count N] [--seed S] [--duration 20s] [--concurrency C]
                                             [--keep-data]   (./ketnoi bench population --help for more)
              startup      time to healthy, resident memory and shutdown of the server, on a fresh
                           and on an existing data directory, next to PostgreSQL alone and the
                           JVM floor (default)
              population   import of N synthetic citizens through the API next to PostgreSQL's
                           COPY, heap during the import, disk per citizen, and lookups through the
                           API next to bare SQL point lookups
              --runs N     repetitions of every measurement (default 3)
              --keep-data  keep each run's data directory under bench/target/startup/""";

    static BenchOptions parse(String... args) {
        String benchmark = STARTUP;
        int runs = DEFAULT_RUNS;
        boolean keepData = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case STARTUP -> benchmark = STARTUP;
                case "--keep-data" -> keepData = true;
                case "--runs" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--runs needs a number, e.g. --runs 5");
                    }
                    runs = parseRuns(args[++i]);
                }
                default -> {
                    if (arg.startsWith("--runs=")) {
                        runs = parseRuns(arg.substring("--runs=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        return new BenchOptions(benchmark, runs, keepData, List.of(args));
    }

    private static int parseRuns(String value) {
        try {
            int runs = Integer.parseInt(value.trim());
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, not " + runs);
            }
            return runs;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--runs needs a whole number, not '" + value + "'");
        }
    }
}
