package org.ketnoi.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of {@code bench/target/ketnoi-bench.jar}, run by {@code ./ketnoi bench}: the start-up
 * benchmark by default, the population benchmark with {@code population} as the first argument, the
 * identity benchmark with {@code identity}, the dossier benchmark with {@code dossier}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** The launcher cd's to the repository root; a developer may run the jar from bench/. */
    private static RepoLayout locate() {
        return RepoLayout.locate(Path.of("").toAbsolutePath());
    }

    public static void main(String[] args) {
        boolean population = args.length > 0 && args[0].equals(PopulationOptions.NAME);
        boolean identity = args.length > 0 && args[0].equals(IdentityOptions.NAME);
        boolean dossier = args.length > 0 && args[0].equals(DossierOptions.NAME);
        String usage = population ? PopulationOptions.USAGE : identity ? IdentityOptions.USAGE
                : dossier ? DossierOptions.USAGE : BenchOptions.USAGE;
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(usage);
            return;
        }
        try {
            if (dossier) {
                DossierOptions options = DossierOptions.parse(args);
                new DossierBenchmark(locate(), options, System.out).run();
            } else if (identity) {
                IdentityOptions options = IdentityOptions.parse(args);
                new IdentityBenchmark(locate(), options, System.out).run();
            } else if (population) {
                PopulationOptions options = PopulationOptions.parse(args);
                new PopulationBenchmark(locate(), options, System.out).run();
            } else {
                BenchOptions options = BenchOptions.parse(args);
                new StartupBenchmark(locate(), options, System.out).run();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ketnoi bench: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
        } catch (BenchmarkFailed e) {
            System.err.println();
            System.err.println("ketnoi bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
