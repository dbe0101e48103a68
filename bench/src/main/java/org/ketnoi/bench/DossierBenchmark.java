package org.ketnoi.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Dossier benchmark (issue 5, "Figures"), on the real server jar and a fresh data directory:
 * <ol>
 * <li>submissions through {@code POST /api/v1/dossiers} by the demo citizen, each starting its BPMN
 * process and durable before the answer, spread over every commune, beside bare Flowable starting the
 * same process on the same PostgreSQL from the same number of threads;</li>
 * <li>the one-stop clerk's accepts through the officials' API;</li>
 * <li>the clerk's queue, as API and as page, with a million dossiers in the table;</li>
 * <li>the portal's catalogue and tracking pages, without sign-in, beside the HTTP floor.</li>
 * </ol>
 */
final class DossierBenchmark {

    static final String PROFILE_FLAG = "-XX:FlightRecorderOptions:stackdepth=256";
    static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);
    static final List<String> EXTRA_ARGUMENTS = List.of("--ketnoi.demo.population=0");
    static final String CLERK = "canbo.badinh";
    static final String CLERK_AGENCY = "000.04.XA.H01";
    static final String CLERK_COMMUNE = "00004";
    /** Submissions of the clerk's pool at once: one agency's code row serialises them anyway. */
    static final int POOL_CONCURRENCY = 16;
    /** Margin on the dossiers a completion point is expected to use. */
    static final double POOL_MARGIN = 1.4;
    /** Rows per INSERT of the queue part: a progress step, and a transaction of its own. */
    static final long INSERT_CHUNK = 50_000;
    /** Dossier codes kept for the tracking page. */
    static final int TRACK_CODES = 200;
    /** Queue pages the queue points rotate over (the first ones, which officials open). */
    static final int QUEUE_PAGES = 10;
    /** The floor of the portal's pages: a static file through the same connector and security filter chain. */
    static final String FLOOR_PATH = "/css/ketnoi.css";
    static final String FLOOR = "HTTP floor: GET " + FLOOR_PATH + " (static file, same stack)";
    static final String CATALOGUE = "GET /procedures";
    static final String PROCEDURE = "GET /procedures/" + DossierForms.PROCEDURE;
    static final String TRACK = "GET /track?code=…&digits=…";

    private final RepoLayout layout;
    private final DossierOptions options;
    private final PrintStream out;
    private final HttpClient http;
    private final Cleanup cleanup = new Cleanup();
    private final QuietMachine quietMachine;
    private final List<String> problems = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> trackCodes = new ConcurrentLinkedQueue<>();
    private final AtomicLong trackKept = new AtomicLong();
    private final AtomicLong submissionCounter = new AtomicLong();
    private final List<Jfr.Profile> profiles = new ArrayList<>();

    DossierBenchmark(RepoLayout layout, DossierOptions options, PrintStream out) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.quietMachine = new QuietMachine(options.quietWait());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** What the run needs from the server: its addresses, tokens and files. */
    private record Session(KetnoiServer server, int port, String base, int pgPort, Connection admin,
            BearerSource citizen, BearerSource clerk, DossierClient api, String birthNotice, List<String> communes,
            Path runDir, Path dataDir) {
    }

    void run() {
        if (!Wrk.available()) {
            throw new BenchmarkFailed(Wrk.BINARY + " is missing: the pages are measured with Debian's wrk "
                    + "(apt-get install wrk)");
        }
        ZonedDateTime started = ZonedDateTime.now();
        long startedNanos = System.nanoTime();
        MachineInfo machine = MachineInfo.read();
        String loadBefore = MachineInfo.loadAverage();
        GitRevision git = GitRevision.of(layout.root());
        String wrkVersion = Wrk.version();
        out.printf(Locale.ROOT, "Dossier benchmark on %s (%d cores), JDK %s, commit %s, %s, Flowable %s%n",
                machine.cpuModel(), machine.logicalCpus(), machine.javaVersion(), git.describe(), wrkVersion,
                BareFlowable.version());

        Path runDir = ResultsFile.createDirectories(layout.benchTarget().resolve("dossier").resolve("run-"
                + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Path serverJar = runDir.resolve("ketnoi-server.jar");
        String jarInfo = PopulationBenchmark.copyJar(layout.serverJar(), serverJar);
        ServerLaunch launch = new ServerLaunch(ServerLaunch.currentJava(), serverJar, layout.root());
        Path dataDir = runDir.resolve("data");
        Path serverLog = runDir.resolve("server.log");
        Path gcLog = runDir.resolve("gc.log");
        out.println("Server data directory and logs under " + layout.root().relativize(runDir));
        int port = FreePort.find();
        // the recorder's default of 64 frames cuts a request's stacks above the controller
        List<String> jvmFlags = options.profile() ? List.of("-Xlog:gc:file=" + gcLog, PROFILE_FLAG)
                : List.of("-Xlog:gc:file=" + gcLog);
        List<String> command = launch.command(port, dataDir, jvmFlags, EXTRA_ARGUMENTS);
        AutoCloseable removeRunFiles = () -> {
            if (!options.keepData()) {
                PopulationBenchmark.deleteRecursively(dataDir);
            }
            Files.deleteIfExists(serverJar);
        };
        cleanup.register(removeRunFiles);
        KetnoiServer server = KetnoiServer.launch(command, launch.workingDir(), dataDir, serverLog);
        cleanup.register(server);
        Optional<ProcessHandle> postmaster = Optional.empty();
        Connection admin = null;
        BearerSource citizen = null;
        BearerSource clerk = null;
        DossierResults results;
        try {
            out.println("Starting the server on port " + port + " (empty data directory)...");
            long healthy = server.awaitHealthy(new HealthProbe(http, port), HEALTHY_TIMEOUT);
            out.printf(Locale.ROOT, "Healthy in %.1f s%n", healthy / 1000.0);
            postmaster = PostgresProcesses.postmaster(server.cluster());
            int pgPort = Database.port(server.cluster());
            admin = Database.connect(pgPort);
            String pgVersion = Database.queryString(admin, "select version()");
            List<String> communes = strings(admin, "select code from agency.commune order by code");
            String base = "http://127.0.0.1:" + port;
            String citizenPassword = IdentityBenchmark.demoSecret(dataDir, DossierForms.DEMO_CITIZEN.idNumber());
            String clerkPassword = IdentityBenchmark.demoSecret(dataDir, CLERK);
            String clerkTotp = IdentityBenchmark.demoSecret(dataDir, CLERK + ".totp");
            Tokens.Person citizenSignIn = Tokens.Person.citizen(base, DossierForms.DEMO_CITIZEN.idNumber(),
                    citizenPassword);
            Tokens.Person clerkSignIn = new Tokens.Person(base, CLERK, clerkPassword, clerkTotp);
            citizen = BearerSource.start("citizen " + DossierForms.DEMO_CITIZEN.idNumber(), citizenSignIn::token);
            clerk = BearerSource.start(CLERK, clerkSignIn::token);
            DossierClient api = new DossierClient(http, base);
            String sha = api.upload(citizen, "giay-chung-sinh.pdf", DossierForms.pdf("Giay chung sinh - ketnoi bench"));
            out.println("Signed in the citizen (password) and the clerk (password and TOTP); uploaded the birth notice "
                    + sha.substring(0, 12) + "…; " + communes.size() + " communes");
            Session s = new Session(server, port, base, pgPort, admin, citizen, clerk, api, sha, communes, runDir,
                    dataDir);
            checkSubmission(s);

            List<DossierResults.Point> submissions = options.runs("submit") ? submissions(s) : List.of();
            List<String> completionNotes = new ArrayList<>();
            List<DossierResults.Point> completions = options.runs("complete") ? completions(s, completionNotes)
                    : List.of();
            DossierResults.Queue queue = options.runs("queue") ? queue(s, clerkSignIn) : null;
            List<DossierResults.Point> pages = options.runs("pages") ? pages(s) : List.of();

            citizen.close();
            clerk.close();
            for (BearerSource b : List.of(citizen, clerk)) {
                if (b.failures() > 0) {
                    problems.add(b.failures() + " token renewal(s) of " + b.who() + " failed; the last: "
                            + b.lastFailure());
                }
            }
            Database.closeQuietly(admin);
            admin = null;
            scanServerLog(serverLog);
            out.println("Stopping the server (SIGTERM)...");
            KetnoiServer.Shutdown shutdown = server.stop(postmaster, SHUTDOWN_TIMEOUT);
            if (!shutdown.clean()) {
                problems.add("the server did not stop cleanly (exit code " + shutdown.exitCode() + ")");
            }
            results = new DossierResults(started, Duration.ofNanos(System.nanoTime() - startedNanos), machine,
                    loadBefore, MachineInfo.loadAverage(), git, jarInfo, ResultsFile.commandLine(options.arguments()),
                    "java " + String.join(" ", ServerLaunch.JVM_FLAGS) + " -Xlog:gc:file=<run folder>/gc.log"
                            + (options.profile() ? " " + PROFILE_FLAG : "") + " -jar "
                            + "<copy of server/target/ketnoi-server.jar> start --server.port=<free port> "
                            + "--ketnoi.data-dir=<run folder>/data " + String.join(" ", EXTRA_ARGUMENTS),
                    wrkVersion, pgVersion, BareFlowable.version(), options, healthy, communes.size(), submissions,
                    completions, completionNotes, queue, pages, List.copyOf(profiles), shutdown,
                    List.copyOf(problems));
        } finally {
            if (citizen != null) {
                citizen.close();
            }
            if (clerk != null) {
                clerk.close();
            }
            Database.closeQuietly(admin);
            cleanup.stopServer(server, postmaster, removeRunFiles);
        }
        String report = new DossierReport(results).markdown();
        Path file = ResultsFile.write(layout.resultsDir(), "dossier-" + results.started().toLocalDate() + "-"
                + results.git().shortHash(), report);
        out.println();
        out.println(report);
        out.println("Written to " + layout.root().relativize(file));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks

    /** One submission to the clerk's commune and its public lookup must work before anything is timed. */
    private void checkSubmission(Session s) {
        try {
            HttpResponse<String> r = s.api().submit(s.citizen(), body(s, CLERK_COMMUNE));
            DossierClient.Submitted d = DossierClient.submitted(r);
            if (d == null) {
                throw new BenchmarkFailed("the check submission (birth registration at commune " + CLERK_COMMUNE
                        + ") answered " + DossierClient.describe(r) + serverTail(s));
            }
            if (!d.code().startsWith(CLERK_AGENCY + "-")) {
                throw new BenchmarkFailed("the check submission at commune " + CLERK_COMMUNE + " got the code "
                        + d.code() + ", not one of " + CLERK_AGENCY);
            }
            keepForTracking(d.code());
            out.println("Checked: a submission answered 201 with the code " + d.code());
        } catch (IOException e) {
            throw new BenchmarkFailed("the server did not answer the check submission: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    private String body(Session s, String commune) {
        return DossierForms.submission(DossierForms.DEMO_CITIZEN, commune, submissionCounter.incrementAndGet(),
                s.birthNotice(), UUID.randomUUID());
    }

    private void keepForTracking(String code) {
        if (trackKept.incrementAndGet() <= TRACK_CODES) {
            trackCodes.add(code);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Submissions against bare Flowable

    private List<DossierResults.Point> submissions(Session s) {
        Path bpmn = layout.root().resolve("server/src/main/resources/processes/one-stop.bpmn20.xml");
        List<DossierResults.Point> points = new ArrayList<>();
        Map<Integer, String> firstErrors = new ConcurrentHashMap<>();
        List<Integer> levels = options.submitConcurrency();
        int top = levels.stream().mapToInt(Integer::intValue).max().orElse(8);
        Duration jit = options.warmup().multipliedBy(2);
        Duration each = options.warmup().plus(options.duration());
        long planned = 2 * (jit.toSeconds() + each.toSeconds() * levels.size());
        long start = System.nanoTime();
        try (RateProgress progress = new RateProgress(out, "submissions", "s", planned, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                BareFlowable bare = startBare(s, bpmn, progress)) {
            String firstInstance = bare.startOne();
            String step = bare.waitingStep(firstInstance);
            if (!"reception".equals(step)) {
                throw new BenchmarkFailed("a bare Flowable instance of " + bpmn.getFileName() + " waits in " + step
                        + ", not in reception as the server's do");
            }
            LongAdder warm = new LongAdder();
            progress.activity(IdentityBenchmark.live("JIT warm-up, Ketnoi submissions, C=" + top, warm, "/s"));
            LoadDriver.run("submission warm-up", top, jit, Duration.ofSeconds(1), submitClients(s, firstErrors),
                    s.server().handle(), warm, null);
            LongAdder warmBare = new LongAdder();
            progress.activity(IdentityBenchmark.live("JIT warm-up, bare Flowable, C=" + top, warmBare, "/s"));
            LoadDriver.run("bare warm-up", top, jit, Duration.ofSeconds(1), bareClients(bare), null, warmBare, null);
            firstErrors.clear();
            startProfile(s, "submissions", progress);
            for (int c : levels) {
                double busy = quiet(progress, "submissions at C=" + c);
                LongAdder done = new LongAdder();
                progress.activity(IdentityBenchmark.live(DossierResults.KETNOI_SUBMIT + ", C=" + c, done, "/s"));
                LoadDriver.Run run = LoadDriver.run(DossierResults.KETNOI_SUBMIT, c, options.warmup(),
                        options.duration(), submitClients(s, firstErrors), s.server().handle(), done, null,
                        postgres(s));
                points.add(DossierResults.Point.of(run, busy, firstErrors.get(c)));
                alive(s, "submissions");
                double busyBare = quiet(progress, "bare Flowable at C=" + c);
                LongAdder doneBare = new LongAdder();
                progress.activity(IdentityBenchmark.live(DossierResults.BARE_START + ", C=" + c, doneBare, "/s"));
                LoadDriver.Run bareRun = LoadDriver.run(DossierResults.BARE_START, c, options.warmup(),
                        options.duration(), bareClients(bare), null, doneBare, null, postgres(s));
                points.add(DossierResults.Point.of(bareRun, busyBare, null));
            }
            stopProfile(s, "submissions", "the server during the submission points (" + DossierResults.KETNOI_SUBMIT
                    + ", every level; idle while the bare engine ran)", progress);
            progress.activity("bare Flowable: closing the engine");
        }
        for (DossierResults.Point p : points) {
            out.printf(Locale.ROOT, "  C=%-3d %-46s %8.1f /s  p50 %7.1f ms  p99 %7.1f ms  errors %s%n",
                    p.concurrency(), p.workload(), p.rate(), p.p50(), p.p99(), p.errorSummary());
        }
        long dossiers = Database.queryLong(s.admin(), "select count(*) from dossier.dossier");
        long ketnoiInstances = Database.queryLong(s.admin(), "select count(*) from public.act_ru_execution "
                + "where parent_id_ is null");
        out.printf(Locale.ROOT, "  %,d dossiers in the table, %,d process instances running in the server's engine%n",
                dossiers, ketnoiInstances);
        if (ketnoiInstances < dossiers) {
            problems.add(String.format(Locale.ROOT, "after the submissions the server's engine runs %,d process "
                    + "instances for %,d dossiers", ketnoiInstances, dossiers));
        }
        return points;
    }

    private BareFlowable startBare(Session s, Path bpmn, RateProgress progress) {
        progress.activity("bare Flowable: creating database " + BareFlowable.DATABASE + ", building the engine");
        return BareFlowable.start(s.pgPort(), s.admin(), bpmn);
    }

    /** Each client submits the birth registration at a commune picked at random from all of them. */
    private IntFunction<LoadDriver.Client> submitClients(Session s, Map<Integer, String> firstErrors) {
        return i -> random -> {
            String commune = s.communes().get(random.nextInt(s.communes().size()));
            HttpResponse<String> r = s.api().submit(s.citizen(), body(s, commune));
            DossierClient.Submitted d = DossierClient.submitted(r);
            if (d == null) {
                firstErrors.putIfAbsent(r.statusCode(), DossierClient.describe(r));
                return "HTTP " + r.statusCode();
            }
            keepForTracking(d.code());
            return null;
        };
    }

    private static IntFunction<LoadDriver.Client> bareClients(BareFlowable bare) {
        return i -> random -> bare.startOne() == null ? "no instance id" : null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. The clerk's accepts

    private List<DossierResults.Point> completions(Session s, List<String> notes) {
        List<DossierResults.Point> points = new ArrayList<>();
        double lastRate = 0;
        Duration each = options.warmup().plus(options.duration());
        for (int c : options.completeConcurrency()) {
            int needed = (int) Math.max(options.completePool(), Math.ceil(POOL_MARGIN * lastRate * each.toSeconds()));
            ConcurrentLinkedQueue<DossierClient.Submitted> pool = fillPool(s, needed, c);
            Map<Integer, String> firstErrors = new ConcurrentHashMap<>();
            DossierResults.Point p;
            try (RateProgress progress = new RateProgress(out, "accepts C=" + c, "s", each.toSeconds(),
                    System::nanoTime)) {
                long start = System.nanoTime();
                progress.counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                double busy = quiet(progress, "accepts at C=" + c);
                LongAdder done = new LongAdder();
                progress.activity(IdentityBenchmark.live(DossierResults.ACCEPT + ", C=" + c, done, "/s"));
                LoadDriver.Run run = LoadDriver.run(DossierResults.ACCEPT, c, options.warmup(), options.duration(),
                        i -> random -> {
                            DossierClient.Submitted d = pool.poll();
                            if (d == null) {
                                return "no dossier left in the pool";
                            }
                            HttpResponse<String> r = s.api().act(s.clerk(), d.code(), "accept", d.version());
                            if (r.statusCode() != 200) {
                                firstErrors.putIfAbsent(r.statusCode(), DossierClient.describe(r));
                                return "HTTP " + r.statusCode();
                            }
                            return null;
                        }, s.server().handle(), done, null, postgres(s));
                p = DossierResults.Point.of(run, busy, firstErrors.values().stream().findFirst().orElse(null));
            }
            points.add(p);
            notes.add(String.format(Locale.ROOT, "C=%d: %,d dossiers submitted to commune %s (agency %s) before the "
                    + "point, %,d left unaccepted after it", c, needed, CLERK_COMMUNE, CLERK_AGENCY, pool.size()));
            lastRate = Math.max(lastRate, p.rate());
            alive(s, "accepts");
            out.printf(Locale.ROOT, "  C=%-3d %-46s %8.1f /s  p50 %7.1f ms  p99 %7.1f ms  errors %s%n",
                    p.concurrency(), p.workload(), p.rate(), p.p50(), p.p99(), p.errorSummary());
        }
        return points;
    }

    /** Dossiers at reception in the clerk's commune, submitted through the API: what the accepts act on. */
    private ConcurrentLinkedQueue<DossierClient.Submitted> fillPool(Session s, int n, int forLevel) {
        ConcurrentLinkedQueue<DossierClient.Submitted> pool = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        try (RateProgress progress = new RateProgress(out, "clerk's pool", "dossiers", n, System::nanoTime)) {
            progress.counting(() -> pool.size());
            progress.activity("submitting to commune " + CLERK_COMMUNE + " for the accepts at C=" + forLevel);
            IdentityBenchmark.eachOnce("pool", n, POOL_CONCURRENCY, i -> {
                HttpResponse<String> r = s.api().submit(s.citizen(), body(s, CLERK_COMMUNE));
                DossierClient.Submitted d = DossierClient.submitted(r);
                if (d == null) {
                    failures.computeIfAbsent(DossierClient.describe(r), k -> new AtomicLong()).incrementAndGet();
                    return "HTTP " + r.statusCode();
                }
                pool.add(d);
                keepForTracking(d.code());
                return null;
            });
        }
        if (!failures.isEmpty()) {
            problems.add("submissions for the clerk's pool failed: " + failures);
        }
        if (pool.isEmpty()) {
            throw new BenchmarkFailed("no submission to commune " + CLERK_COMMUNE + " succeeded: " + failures);
        }
        return pool;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. Queues with a million dossiers

    private DossierResults.Queue queue(Session s, Tokens.Person clerkSignIn) {
        List<String> procedures = procedureCodes();
        DossierRows rows = DossierRows.of(options.queueRows(), options.openShare(), options.deskOpen(), CLERK_AGENCY,
                CLERK_COMMUNE, procedures);
        String now = Instant.now().toString();
        AtomicLong inserted = new AtomicLong();
        long insertStart = System.nanoTime();
        try (RateProgress progress = new RateProgress(out, "dossier rows", "rows", rows.rows(), System::nanoTime)) {
            progress.counting(inserted::get);
            progress.activity("INSERT … SELECT FROM generate_series, " + INSERT_CHUNK + " rows a statement");
            for (long from = 1; from <= rows.rows(); from += INSERT_CHUNK) {
                long to = Math.min(rows.rows(), from + INSERT_CHUNK - 1);
                Database.execute(s.admin(), rows.sql(from, to, now));
                inserted.set(to);
            }
        }
        long insertMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - insertStart);
        out.printf(Locale.ROOT, "Inserted %,d dossier rows in %.1f s (%,.0f rows/s)%n", rows.rows(),
                insertMillis / 1000.0, rows.rows() / Math.max(1e-3, insertMillis / 1000.0));
        out.println("VACUUM (ANALYZE) dossier.dossier...");
        long vacuumMillis = Database.timed(s.admin(), "vacuum (analyze) dossier.dossier").millis();
        long tableBytes = Database.queryLong(s.admin(), "select pg_relation_size('dossier.dossier')");
        long indexBytes = Database.queryLong(s.admin(), "select pg_indexes_size('dossier.dossier')");
        long total = Database.queryLong(s.admin(), "select count(*) from dossier.dossier");
        long open = Database.queryLong(s.admin(), "select count(*) from dossier.dossier where stage is not null");
        long clerkOpen = Database.queryLong(s.admin(), "select count(*) from dossier.dossier where agency = ? "
                + "and stage in ('RECEPTION', 'PAYMENT', 'RETURN_RESULT')", CLERK_AGENCY);
        String counts;
        try {
            HttpResponse<String> r = s.api().get("/api/v1/desk/queue", "Authorization", s.clerk().get(), "Accept",
                    "application/json");
            if (r.statusCode() != 200) {
                throw new BenchmarkFailed("the clerk's GET /api/v1/desk/queue answered " + DossierClient.describe(r));
            }
            counts = queueCounts(r.body());
        } catch (IOException e) {
            throw new BenchmarkFailed("the server did not answer GET /api/v1/desk/queue: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
        out.println("The clerk's queue counts " + counts + "; signing the clerk in to the portal's pages...");
        String cookie = clerkSignIn.pageSession("/desk");

        List<DossierResults.Point> points = new ArrayList<>();
        List<String> apiPaths = new ArrayList<>();
        List<String> pagePaths = new ArrayList<>();
        for (int p = 0; p < QUEUE_PAGES; p++) {
            apiPaths.add("/api/v1/desk/queue?page=" + p);
            pagePaths.add("/desk?page=" + (p + 1));
        }
        Duration each = options.warmup().plus(options.duration());
        long planned = each.toSeconds() * 2 * options.queueConcurrency().size();
        long start = System.nanoTime();
        try (RateProgress progress = new RateProgress(out, "queues", "s", planned, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))) {
            startProfile(s, "queues", progress);
            for (int c : options.queueConcurrency()) {
                Map<String, String> bearer = Map.of("Authorization", s.clerk().get(), "Accept", "application/json");
                points.add(wrkPoint(s, DossierResults.QUEUE_API, c, Wrk.getScript(apiPaths, bearer, null), progress));
                Map<String, String> page = Map.of("Cookie", cookie, "Accept", "text/html");
                points.add(wrkPoint(s, DossierResults.DESK_PAGE, c, Wrk.getScript(pagePaths, page, "/signin"),
                        progress));
            }
            stopProfile(s, "queues", "the server during the queue points (API and desk page, every level)", progress);
        }
        for (DossierResults.Point p : points) {
            out.printf(Locale.ROOT, "  C=%-3d %-46s %8.1f /s  p50 %7.1f ms  p99 %7.1f ms  errors %s%n",
                    p.concurrency(), p.workload(), p.rate(), p.p50(), p.p99(), p.errorSummary());
        }
        return new DossierResults.Queue(rows, insertMillis, vacuumMillis, tableBytes, indexBytes, total, open,
                clerkOpen, counts, "", points);
    }

    /** The procedure codes of the catalogue's seed files; the dossier rows name them in turn. */
    private List<String> procedureCodes() {
        Path dir = layout.root().resolve("server/src/main/resources/catalogue/procedures");
        try (var files = Files.list(dir)) {
            List<String> codes = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
            return codes.isEmpty() ? List.of(DossierForms.PROCEDURE) : codes;
        } catch (IOException e) {
            return List.of(DossierForms.PROCEDURE);
        }
    }

    /** "total 1,234, on time 900, nearly due 200, late 134", from the queue's JSON answer. */
    static String queueCounts(String json) {
        int at = json.indexOf("\"counts\"");
        String part = at < 0 ? json : json.substring(at);
        return String.format(Locale.ROOT, "total %,d, on time %,d, nearly due %,d, late %,d",
                ImportClient.number(part, "total"), ImportClient.number(part, "onTime"),
                ImportClient.number(part, "nearlyDue"), ImportClient.number(part, "late"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. The portal's pages

    private List<DossierResults.Point> pages(Session s) {
        List<String> codes = new ArrayList<>(trackCodes);
        String digits = DossierForms.DEMO_CITIZEN.lastDigits();
        List<String> trackPaths = codes.stream().map(c -> "/track?code=" + c + "&digits=" + digits).toList();
        Map<String, List<String>> workloads = new LinkedHashMap<>();
        workloads.put(FLOOR, List.of(FLOOR_PATH));
        workloads.put(CATALOGUE, List.of("/procedures"));
        workloads.put(PROCEDURE, List.of("/procedures/" + DossierForms.PROCEDURE));
        workloads.put(TRACK, trackPaths);
        Map<String, String> forbidden = Map.of(TRACK, "govuk-error-summary");
        // Each page once before anything is timed: a page that does not work is reported, not measured.
        workloads.entrySet().removeIf(w -> !pageWorks(s, w.getKey(), w.getValue().getFirst(),
                forbidden.get(w.getKey())));
        List<DossierResults.Point> points = new ArrayList<>();
        Duration each = options.warmup().plus(options.duration());
        long planned = each.toSeconds() * workloads.size() * options.pageConcurrency().size();
        long start = System.nanoTime();
        Map<String, String> headers = Map.of("Accept", "text/html", "Accept-Language", "vi");
        try (RateProgress progress = new RateProgress(out, "pages", "s", planned, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))) {
            startProfile(s, "pages", progress);
            for (int c : options.pageConcurrency()) {
                for (Map.Entry<String, List<String>> w : workloads.entrySet()) {
                    points.add(wrkPoint(s, w.getKey(), c, Wrk.getScript(w.getValue(), headers,
                            forbidden.get(w.getKey())), progress));
                }
            }
            stopProfile(s, "pages", "the server during the page points (floor and pages, every level)", progress);
        }
        for (DossierResults.Point p : points) {
            out.printf(Locale.ROOT, "  C=%-3d %-46.46s %8.1f /s  p50 %7.1f ms  p99 %7.1f ms  errors %s%n",
                    p.concurrency(), p.workload(), p.rate(), p.p50(), p.p99(), p.errorSummary());
        }
        return points;
    }

    private boolean pageWorks(Session s, String workload, String path, String forbidden) {
        try {
            HttpResponse<String> r = s.api().get(path, "Accept", "text/html");
            if (r.statusCode() == 200 && (forbidden == null || !r.body().contains(forbidden))) {
                return true;
            }
            problems.add(workload + " was not measured: GET " + path + " answered " + DossierClient.describe(r)
                    + (r.statusCode() == 200 ? " (with \"" + forbidden + "\" in the page)" : ""));
        } catch (IOException e) {
            problems.add(workload + " was not measured: GET " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A wrk warm-up run, then the measured run, with the CPU of the server, PostgreSQL and wrk over the window. */
    private DossierResults.Point wrkPoint(Session s, String workload, int c, String script, RateProgress progress) {
        String slug = workload.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(Locale.ROOT);
        Path scriptFile = write(s.runDir().resolve("wrk-" + slug + ".lua"), script);
        String url = s.base() + "/";
        double busyBefore = quiet(progress, workload + " at C=" + c);
        if (!options.warmup().isZero()) {
            progress.activity(workload + ", C=" + c + ": warm-up (wrk)");
            Wrk.run(Wrk.command(c, options.warmup(), scriptFile, url, List.of()), s.runDir().resolve("wrk-" + slug
                    + "-" + c + "-warmup.txt"), options.warmup());
        }
        progress.activity(workload + ", C=" + c + ": measuring (wrk, " + options.duration().toSeconds() + " s)");
        Collection<ProcessHandle> postgres = PostgresProcesses.of(s.server().cluster(), s.server().handle());
        CpuSample cpu = CpuSample.read();
        long serverCpu = ProcCpu.millis(List.of(s.server().handle()));
        long postgresCpu = ProcCpu.millis(postgres);
        long children = ProcCpu.waitedChildrenMillis();
        Wrk.Result r = Wrk.run(Wrk.command(c, options.duration(), scriptFile, url, List.of()), s.runDir().resolve(
                "wrk-" + slug + "-" + c + ".txt"), options.duration()).stalledIfSilent(c);
        double busy = CpuSample.read().busyShareSince(cpu);
        long wrkCpu = children < 0 ? -1 : ProcCpu.waitedChildrenMillis() - children;
        DossierResults.Point p = DossierResults.Point.of(workload, c, r, busyBefore, busy,
                ProcCpu.millis(List.of(s.server().handle())) - serverCpu, ProcCpu.millis(postgres) - postgresCpu,
                wrkCpu);
        alive(s, workload);
        return p;
    }

    /** JDK Flight Recorder in the server, started outside any measured window (jcmd is a JVM start of its own). */
    private void startProfile(Session s, String name, RateProgress progress) {
        if (options.profile()) {
            progress.activity("jcmd JFR.start (" + name + ")");
            Jfr.start(s.server().handle().pid(), name, s.runDir().resolve("server-" + name + ".jfr"),
                    s.runDir().resolve("jcmd-jfr-" + name + ".txt"));
        }
    }

    private void stopProfile(Session s, String name, String what, RateProgress progress) {
        if (options.profile()) {
            progress.activity("jcmd JFR.stop (" + name + ") and jfr view hot-methods");
            Jfr.stop(s.server().handle().pid(), name, s.runDir().resolve("jcmd-jfr-" + name + ".txt"));
            profiles.add(Jfr.profile(what, s.runDir().resolve("server-" + name + ".jfr"),
                    s.runDir().resolve("server-" + name + "-hot-methods.txt")));
        }
    }

    private Supplier<Collection<ProcessHandle>> postgres(Session s) {
        return () -> PostgresProcesses.of(s.server().cluster(), s.server().handle());
    }

    private double quiet(RateProgress progress, String what) {
        double busy = quietMachine.await(progress::activity);
        if (busy > QuietMachine.QUIET_SHARE) {
            problems.add(String.format(Locale.ROOT, "the machine was %.0f %% busy (others' work) in the second before "
                    + "%s", busy * 100, what));
        }
        return busy;
    }

    private static void alive(Session s, String what) {
        if (!s.server().isAlive()) {
            throw new BenchmarkFailed("the server died during the " + what + "; see " + s.server().log()
                    + s.server().tail());
        }
    }

    private static String serverTail(Session s) {
        List<ServerLog.Entry> logged = ServerLog.problems(s.server().log());
        return logged.isEmpty() ? "" : "; the server logged: " + ServerLog.summary(logged, 0);
    }

    /** Errors and warnings the server logged: a figure measured beside an error is not a figure. */
    private void scanServerLog(Path log) {
        List<ServerLog.Entry> logged = ServerLog.problems(log);
        if (!logged.isEmpty()) {
            problems.add("the server logged " + logged.size() + " error(s) or warning(s) in the whole run, by root "
                    + "cause: " + ServerLog.summary(logged, 0));
        }
    }

    private static List<String> strings(Connection c, String sql) {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1).trim());
            }
        } catch (SQLException e) {
            throw new BenchmarkFailed("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
        if (values.isEmpty()) {
            throw new BenchmarkFailed("no rows from " + sql);
        }
        return values;
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
