package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every benchmark does with its report: where it goes, and the command line it names. */
final class ResultsFile {

    private ResultsFile() {
    }

    /** {@code <dir>/<base>.md}; a second run with the same base gets -2, -3... rather than overwriting. */
    static Path write(Path dir, String base, String report) {
        createDirectories(dir);
        Path file = dir.resolve(base + ".md");
        for (int n = 2; Files.exists(file); n++) {
            file = dir.resolve(base + "-" + n + ".md");
        }
        try {
            Files.writeString(file, report);
            return file;
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The command that ran this benchmark, as the results should show it. */
    static String commandLine(List<String> arguments) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command().orElse("java");
        String args = info.arguments().map(a -> String.join(" ", a))
                .orElse("-jar bench/target/ketnoi-bench.jar " + String.join(" ", arguments));
        return (java + " " + args).trim();
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
