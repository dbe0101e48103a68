package org.ketnoi.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of {@code bench/target/ketnoi-bench.jar}, run by {@code ./ketnoi bench}: the start-up
 * benchmark by default, the population benchmark with {@code population} as the first argument.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** The launcher cd's to the repository root; a developer may run the jar from bench/. */
    private static RepoLayout locate() {
        return RepoLayout.locate(Path.of("").toAbsolutePath());
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(args.length > 0 && args[0].equals(PopulationOptions.NAME) ? PopulationOptions.USAGE
                    : BenchOptions.USAGE);
            return;
        }
        boolean population = args.length > 0 && args[0].equals(PopulationOptions.NAME);
        try {
            if (population) {
                PopulationOptions options = PopulationOptions.parse(args);
                new PopulationBenchmark(locate(), options, System.out).run();
            } else {
                BenchOptions options = BenchOptions.parse(args);
                new StartupBenchmark(locate(), options, System.out).run();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ketnoi bench: " + e.getMessage());
            System.err.println(population ? PopulationOptions.USAGE : BenchOptions.USAGE);
            System.exit(2);
        } catch (BenchmarkFailed e) {
            System.err.println();
            System.err.println("ketnoi bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
