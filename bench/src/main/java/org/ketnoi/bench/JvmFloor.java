package org.ketnoi.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The second peer: {@code java -version} with the server's flags. No JVM start can beat it, so
 * it is the floor under the server's time to healthy and shows how much the JVM alone costs.
 */
final class JvmFloor {

    private final ServerLaunch launch;

    JvmFloor(ServerLaunch launch) {
        this.launch = launch;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(launch.java().toString());
        command.addAll(ServerLaunch.JVM_FLAGS);
        command.add("-version");
        return command;
    }

    Commands.Timed measure(Path workingDir) {
        Commands.Timed timed = Commands.timed(command(), workingDir, ProcessBuilder.Redirect.DISCARD,
                Duration.ofSeconds(60));
        if (timed.exitCode() != 0) {
            throw new BenchmarkFailed(String.join(" ", command()) + " failed with code " + timed.exitCode());
        }
        return timed;
    }

    String display() {
        return "java " + String.join(" ", ServerLaunch.JVM_FLAGS) + " -version";
    }
}
