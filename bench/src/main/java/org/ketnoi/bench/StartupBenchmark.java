package org.ketnoi.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start-up benchmark: time to healthy, resident memory and clean shutdown of the server, on a
 * fresh and on an existing data directory, with PostgreSQL alone and the JVM floor measured in
 * the same repetitions (DESIGN.md "Performance": peers side by side, since absolute times drift
 * on a shared machine).
 */
final class StartupBenchmark {

    static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    /** Memory is read after this pause, once start-up's last allocations and GC have settled. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long to wait for other jobs on the machine to finish before each measurement. */
    static final Duration QUIET_WAIT = Duration.ofMinutes(2);
    /** Fresh server, existing server, PostgreSQL alone, initdb, java -version. */
    static final int MEASUREMENTS_PER_RUN = 5;

    private final RepoLayout layout;
    private final BenchOptions options;
    private final PrintStream out;
    private final ServerLaunch launch;
    private final JvmFloor jvmFloor;
    private final HttpClient http;
    private final Cleanup cleanup;
    private final QuietMachine quietMachine;
    private Optional<Path> postgresBinary = Optional.empty();
    private EmbeddedPostgresPeer postgresPeer;

    StartupBenchmark(RepoLayout layout, BenchOptions options, PrintStream out) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.launch = ServerLaunch.of(layout);
        this.jvmFloor = new JvmFloor(launch);
        this.http = HealthProbe.newClient();
        this.cleanup = new Cleanup();
        this.quietMachine = new QuietMachine(QUIET_WAIT);
    }

    void run() {
        ZonedDateTime started = ZonedDateTime.now();
        long startedNanos = System.nanoTime();
        MachineInfo machine = MachineInfo.read();
        String loadBefore = MachineInfo.loadAverage();
        GitRevision git = GitRevision.of(layout.root());
        Path workRoot = createDirectories(layout.benchTarget().resolve("startup"));
        out.printf("Start-up benchmark: %d run(s) of %d measurements on %s (%d cores), JDK %s, commit %s%n",
                options.runs(), MEASUREMENTS_PER_RUN, machine.cpuModel(), machine.logicalCpus(),
                machine.javaVersion(), git.describe());
        out.printf("Data directories and logs under %s%n", layout.root().relativize(workRoot));

        List<ServerRun> servers = new ArrayList<>();
        List<PeerRun> peers = new ArrayList<>();
        try (ProgressBar progress = new ProgressBar(out, options.runs() * MEASUREMENTS_PER_RUN, System::nanoTime)) {
            for (int run = 1; run <= options.runs(); run++) {
                Path runDir = createTempDirectory(workRoot, "run" + run + "-");
                Path dataDir = runDir.resolve("data");
                servers.add(measureServer(run, ServerRun.DataDir.FRESH, dataDir, runDir, progress));
                servers.add(measureServer(run, ServerRun.DataDir.EXISTING, dataDir, runDir, progress));
                peers.add(measurePeers(run, dataDir.resolve("pg"), runDir, progress));
                if (!options.keepData()) {
                    deleteRecursively(dataDir);
                }
            }
        }

        StartupResults results = new StartupResults(started, Duration.ofNanos(System.nanoTime() - startedNanos),
                machine, loadBefore, MachineInfo.loadAverage(), git, commandLine(), launch.display(),
                postgresPeer.describe(), jvmFloor.display(), SETTLE, servers, peers);
        String report = new StartupReport(results).markdown();
        Path file = write(report, results);
        out.println();
        out.println(report);
        out.println("Written to " + layout.root().relativize(file));
    }

    private ServerRun measureServer(int run, ServerRun.DataDir kind, Path dataDir, Path runDir, ProgressBar progress) {
        String label = "run " + run + "/" + options.runs() + ": " + kind.label + " data dir";
        double busyBefore = quietMachine.await(text -> progress.activity(label + ", " + text));
        int port = FreePort.find();
        progress.activity(label + ", starting on port " + port);
        Path log = runDir.resolve("server-" + kind.label + ".log");
        CpuSample cpuBefore = CpuSample.read();
        KetnoiServer server = KetnoiServer.launch(launch, port, dataDir, log);
        cleanup.register(server);
        try {
            long healthy = server.awaitHealthy(new HealthProbe(http, port), HEALTHY_TIMEOUT);
            // CPU time is far less sensitive than wall time to other jobs on a shared machine.
            long jvmCpu = server.handle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            double machineBusy = CpuSample.read().busyShareSince(cpuBefore);
            progress.activity(label + ", healthy in " + seconds(healthy) + ", settling " + SETTLE.toSeconds() + " s");
            KetnoiServer.sleepNanos(SETTLE.toNanos());

            Optional<ProcessHandle> postmaster = PostgresProcesses.postmaster(server.cluster());
            if (postmaster.isEmpty()) {
                throw new BenchmarkFailed("no running PostgreSQL found for " + server.cluster()
                        + " (no postmaster.pid); the server's output is in " + log);
            }
            rememberPostgresBinary(postmaster.get());
            Memory jvm = ProcMemory.of(List.of(server.handle()));
            Memory postgres = ProcMemory.of(PostgresProcesses.of(server.cluster(), server.handle()));

            progress.activity(label + ", stopping (SIGTERM)");
            KetnoiServer.Shutdown shutdown = server.stop(postmaster, SHUTDOWN_TIMEOUT);
            progress.runDone();
            return new ServerRun(run, kind, port, busyBefore, healthy, jvmCpu, machineBusy, jvm, postgres, shutdown);
        } finally {
            server.close();
            cleanup.done(server);
        }
    }

    private PeerRun measurePeers(int run, Path cluster, Path runDir, ProgressBar progress) {
        String label = "run " + run + "/" + options.runs() + ": ";
        EmbeddedPostgresPeer postgres = postgresPeer();
        Path log = runDir.resolve("peers.log");

        quietMachine.await(text -> progress.activity(label + "PostgreSQL alone, " + text));
        int port = FreePort.find();
        progress.activity(label + "PostgreSQL alone, pg_ctl start");
        AutoCloseable stopOnInterrupt = () -> postgres.stop(cluster, log);
        cleanup.register(stopOnInterrupt);
        long startMillis;
        Memory alone;
        long stopMillis;
        try {
            startMillis = postgres.start(cluster, port, log).millis();
            progress.activity(label + "PostgreSQL alone, settling " + SETTLE.toSeconds() + " s");
            KetnoiServer.sleepNanos(SETTLE.toNanos());
            alone = PostgresProcesses.postmaster(cluster).map(PostgresProcesses::tree).map(ProcMemory::of)
                    .orElse(Memory.NONE);
            progress.activity(label + "PostgreSQL alone, pg_ctl stop");
        } catch (RuntimeException e) {
            closeQuietly(stopOnInterrupt);
            throw e;
        } finally {
            cleanup.done(stopOnInterrupt);
        }
        stopMillis = postgres.stop(cluster, log).millis();
        progress.runDone();

        progress.activity(label + "PostgreSQL initdb of a new cluster");
        Path scratch = runDir.resolve("initdb");
        long initdbMillis = postgres.initdb(scratch, log).millis();
        deleteRecursively(scratch);
        progress.runDone();

        progress.activity(label + "JVM floor, java -version");
        long floorMillis = jvmFloor.measure(layout.root()).millis();
        progress.runDone();
        return new PeerRun(run, startMillis, stopMillis, alone, initdbMillis, floorMillis);
    }

    /** The binaries the server really ran, so the peer is the same PostgreSQL build. */
    private void rememberPostgresBinary(ProcessHandle postmaster) {
        if (postgresBinary.isEmpty()) {
            postgresBinary = postmaster.info().command().map(Path::of);
        }
    }

    private EmbeddedPostgresPeer postgresPeer() {
        if (postgresPeer == null) {
            postgresPeer = EmbeddedPostgresPeer.locate(postgresBinary, layout.root());
        }
        return postgresPeer;
    }

    private String commandLine() {
        return ResultsFile.commandLine(options.arguments());
    }

    /** bench/results/startup-<date>-<commit>.md; a second run on the same day and commit gets -2, -3... */
    private Path write(String report, StartupResults results) {
        String base = "startup-" + results.started().toLocalDate() + "-" + results.git().shortHash();
        return ResultsFile.write(layout.resultsDir(), base, report);
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static Path createDirectories(Path dir) {
        return ResultsFile.createDirectories(dir);
    }

    private static Path createTempDirectory(Path parent, String prefix) {
        try {
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot create a folder under " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
