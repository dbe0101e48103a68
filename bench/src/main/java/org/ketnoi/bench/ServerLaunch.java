package org.ketnoi.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the server is started: the JDK that runs this benchmark, with exactly the flags of
 * {@code ./ketnoi start}, so the figures are the ones an operator gets.
 */
record ServerLaunch(Path java, Path serverJar, Path workingDir) {

    /** Keep in step with the "start" case of the ./ketnoi launcher. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=inline,org.bouncycastle.crypto.generators.Argon2BytesGenerator*::*");

    static ServerLaunch of(RepoLayout layout) {
        return new ServerLaunch(currentJava(), layout.serverJar(), layout.root());
    }

    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    List<String> command(int port, Path dataDir) {
        return command(port, dataDir, List.of(), List.of());
    }

    /** With more JVM flags after the launcher's (a later -Xmx wins) and more application arguments. */
    List<String> command(int port, Path dataDir, List<String> moreJvmFlags, List<String> moreArguments) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_FLAGS);
        command.addAll(moreJvmFlags);
        command.addAll(List.of("-jar", workingDir.relativize(serverJar).toString(), "start",
                "--server.port=" + port, "--ketnoi.data-dir=" + dataDir));
        command.addAll(moreArguments);
        return command;
    }

    /** The command as shown in the results, with placeholders for what changes per run. */
    String display() {
        return "java " + String.join(" ", JVM_FLAGS) + " -jar " + workingDir.relativize(serverJar)
                + " start --server.port=<free port> --ketnoi.data-dir=<run folder>/data";
    }
}
