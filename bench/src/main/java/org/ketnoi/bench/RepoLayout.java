package org.ketnoi.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are in the repository. Found from the working directory upwards, so the jar works
 * whether started by the launcher (from the root) or by hand from a sub-folder.
 */
record RepoLayout(Path root) {

    Path serverJar() {
        return root.resolve("server/target/ketnoi-server.jar");
    }

    /** Scratch space for data directories and logs; `mvn clean` removes it. */
    Path benchTarget() {
        return root.resolve("bench/target");
    }

    Path resultsDir() {
        return root.resolve("bench/results");
    }

    static RepoLayout locate(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ketnoi")) && Files.isDirectory(dir.resolve("server"))
                    && Files.isDirectory(dir.resolve("bench"))) {
                RepoLayout layout = new RepoLayout(dir);
                if (!Files.isRegularFile(layout.serverJar())) {
                    throw new BenchmarkFailed(layout.serverJar() + " is missing; build it first with "
                            + "'./mvnw -DskipTests package' (or run './ketnoi bench', which builds it)");
                }
                return layout;
            }
        }
        throw new BenchmarkFailed("cannot find the Ketnoi repository from " + start
                + "; run the benchmark from the repository root (./ketnoi bench)");
    }
}
