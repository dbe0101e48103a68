package org.ketnoi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short external commands: timed ones for the peers, and ones whose output we need. */
final class Commands {

    private Commands() {
    }

    /**
     * @param millis from just before fork/exec to the process's exit
     * @param exitCode the command's exit code, or -1 when it had to be killed after the timeout
     */
    record Timed(long millis, int exitCode) {
    }

    static Timed timed(List<String> command, Path workingDir, ProcessBuilder.Redirect output, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!exited) {
                process.destroyForcibly().waitFor();
                return new Timed(millis, -1);
            }
            return new Timed(millis, process.exitValue());
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted while running " + String.join(" ", command));
        }
    }

    /** The command's standard output, trimmed, or null if it fails or cannot be run. */
    static String output(List<String> command, Path workingDir) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out.trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
