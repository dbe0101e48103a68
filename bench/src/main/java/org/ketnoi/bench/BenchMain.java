package org.ketnoi.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of {@code bench/target/ketnoi-bench.jar}, run by {@code ./ketnoi bench}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        try {
            BenchOptions options = BenchOptions.parse(args);
            // The launcher cd's to the repository root; a developer may run the jar from bench/.
            RepoLayout layout = RepoLayout.locate(Path.of("").toAbsolutePath());
            new StartupBenchmark(layout, options, System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println("ketnoi bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
        } catch (BenchmarkFailed e) {
            System.err.println();
            System.err.println("ketnoi bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
