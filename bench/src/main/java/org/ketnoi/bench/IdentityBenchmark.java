package org.ketnoi.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Identity benchmark: the OpenID Connect provider and the sign-in on the real server jar, each
 * figure beside its limit or peer measured in the same run, or beside Keycloak's figures measured
 * on a machine like this one (performance anchors §9):
 * <ol>
 * <li>password sign-ins through {@code POST /signin} against the bare Argon2id hash rate at the same
 * cost, measured before and after the sign-ins;</li>
 * <li>the token endpoint: client_credentials and refresh_token grants with wrk;</li>
 * <li>per active session: bytes in PostgreSQL, WAL and rows written per sign-in and per page view,
 * and the server's live heap before and after.</li>
 * </ol>
 */
final class IdentityBenchmark {

    static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);
    static final List<String> EXTRA_ARGUMENTS = List.of("--ketnoi.demo.population=0");
    /** The demo agency system whose client_credentials grants are measured, and its scope. */
    static final String SYSTEM_CLIENT = "yte.hethong";
    static final String SYSTEM_SCOPE = "population.verify";
    /**
     * The third hash JVM's flags: C2 told to inline every method of Bouncy Castle's Argon2 classes. A JVM
     * left to itself often compiles {@code quarterRound} on its own and calls it through a synthetic
     * accessor, and then spends about twice the CPU per hash (seen in this benchmark's profiles); this
     * one shows what the hash costs when that does not happen.
     */
    static final List<String> INLINE_ARGON2 = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=inline,org.bouncycastle.crypto.generators.Argon2BytesGenerator*::*");
    /** Hashing threads of the bare rate: one per core of this 2-core machine, as Keycloak's figure was measured. */
    static final int HASH_THREADS = 2;
    /** Accounts beyond the sessions part's: enough that every sign-in of the sign-in points uses its own. */
    static final int SIGNIN_ACCOUNTS = 7_000;
    /** Browsers of the sessions part that sign in at once. */
    static final int SESSION_CONCURRENCY = 8;
    /** Portal sign-ins and page views done before the heap is first measured, so the flows' classes are loaded. */
    static final int SESSION_WARMUP = 30;
    /** A backend flushes its table statistics at most 10 s after its last transaction (PostgreSQL 15). */
    static final Duration STATS_FLUSH = Duration.ofSeconds(11);
    /** p99 limit of the token endpoint goal. */
    static final double TOKEN_P99_MS = 50;

    private final RepoLayout layout;
    private final IdentityOptions options;
    private final PrintStream out;
    private final HttpClient http;
    private final Cleanup cleanup = new Cleanup();
    private final QuietMachine quietMachine;
    private final List<String> problems = new ArrayList<>();
    private final List<Jfr.Profile> profiles = new ArrayList<>();
    private final AtomicInteger nextAccount = new AtomicInteger();
    private int accountCount;
    private String password;

    IdentityBenchmark(RepoLayout layout, IdentityOptions options, PrintStream out) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.quietMachine = new QuietMachine(options.quietWait());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    void run() {
        if (!Wrk.available()) {
            throw new BenchmarkFailed(Wrk.BINARY + " is missing: the token endpoint is measured with Debian's wrk "
                    + "(apt-get install wrk)");
        }
        ZonedDateTime started = ZonedDateTime.now();
        long startedNanos = System.nanoTime();
        MachineInfo machine = MachineInfo.read();
        String loadBefore = MachineInfo.loadAverage();
        GitRevision git = GitRevision.of(layout.root());
        String wrkVersion = Wrk.version();
        out.printf(Locale.ROOT, "Identity benchmark on %s (%d cores), JDK %s, commit %s, %s%n", machine.cpuModel(),
                machine.logicalCpus(), machine.javaVersion(), git.describe(), wrkVersion);

        Path runDir = ResultsFile.createDirectories(layout.benchTarget().resolve("identity").resolve("run-"
                + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Path serverJar = runDir.resolve("ketnoi-server.jar");
        String jarInfo = PopulationBenchmark.copyJar(layout.serverJar(), serverJar);
        ServerLaunch launch = new ServerLaunch(ServerLaunch.currentJava(), serverJar, layout.root());
        Path dataDir = runDir.resolve("data");
        Path serverLog = runDir.resolve("server.log");
        Path gcLog = runDir.resolve("gc.log");
        out.println("Server data directory and logs under " + layout.root().relativize(runDir));

        int port = FreePort.find();
        List<String> jvmFlags = List.of("-Xlog:gc:file=" + gcLog);
        List<String> command = launch.command(port, dataDir, jvmFlags, EXTRA_ARGUMENTS);
        AutoCloseable removeRunFiles = () -> {
            if (!options.keepData()) {
                PopulationBenchmark.deleteRecursively(dataDir);
            }
            Files.deleteIfExists(serverJar);
        };
        cleanup.register(removeRunFiles);
        password = HexFormat.of().formatHex(SecureRandom.getSeed(12));
        java.util.function.Function<String, List<String>> hashCommand = when -> HashRate.command(launch.java(),
                serverJar, HashRate.benchJar(), HASH_THREADS, options.hashWarmup(), options.hashDuration(), password,
                options.profile() ? runDir.resolve("hash-" + when + ".jfr") : null,
                when.equals("inlined") ? INLINE_ARGON2 : List.of());

        KetnoiServer server = KetnoiServer.launch(command, launch.workingDir(), dataDir, serverLog);
        cleanup.register(server);
        Optional<ProcessHandle> postmaster = Optional.empty();
        Connection admin = null;
        IdentityResults results;
        try {
            out.println("Starting the server on port " + port + " (empty data directory)...");
            long healthy = server.awaitHealthy(new HealthProbe(http, port), HEALTHY_TIMEOUT);
            out.printf(Locale.ROOT, "Healthy in %.1f s%n", healthy / 1000.0);
            postmaster = PostgresProcesses.postmaster(server.cluster());
            int pgPort = Database.port(server.cluster());
            admin = Database.connect(pgPort);
            String pgVersion = Database.queryString(admin, "select version()");
            String systemSecret = demoSecret(dataDir, SYSTEM_CLIENT);
            IdentityClient anonymous = new IdentityClient(http, port, null);
            // The portal registers itself with the provider on first use, and keeps its secret in the database.
            touch(anonymous, IdentityClient.PORTAL_LOGIN);
            String portalSecret = Database.queryString(admin,
                    "select secret from identity.own_client where client_id = '" + IdentityClient.PORTAL + "'");
            if (portalSecret == null) {
                throw new BenchmarkFailed("the portal's client secret is not in identity.own_client after "
                        + IdentityClient.PORTAL_LOGIN + " was asked for");
            }
            IdentityClient identity = new IdentityClient(http, port, portalSecret);

            // 1. The bare hash rate before, which also hashes the accounts' password; the accounts; the checks.
            HashRate.Result hashBefore = hashRate("before", hashCommand.apply("before"), runDir);
            accountCount = SIGNIN_ACCOUNTS + options.sessions() + SESSION_WARMUP;
            createAccounts(admin, hashBefore.hash(), accountCount);
            check(identity, systemSecret);

            List<IdentityResults.SigninPoint> signins = signins(identity, server, gcLog, runDir);
            HashRate.Result hashAfter = hashRate("after", hashCommand.apply("after"), runDir);
            HashRate.Result hashInlined = hashRate("inlined", hashCommand.apply("inlined"), runDir);

            // 2. The token endpoint.
            List<IdentityResults.TokenPoint> tokens = tokens(identity, server, admin, systemSecret, runDir, gcLog);

            // 3. Sessions.
            IdentityResults.Sessions sessions = sessions(identity, server, admin, runDir);

            Database.closeQuietly(admin);
            admin = null;
            scanServerLog(serverLog);
            out.println("Stopping the server (SIGTERM)...");
            KetnoiServer.Shutdown shutdown = server.stop(postmaster, SHUTDOWN_TIMEOUT);
            if (!shutdown.clean()) {
                problems.add("the server did not stop cleanly (exit code " + shutdown.exitCode() + ")");
            }
            results = new IdentityResults(started, Duration.ofNanos(System.nanoTime() - startedNanos), machine,
                    loadBefore, MachineInfo.loadAverage(), git, jarInfo, ResultsFile.commandLine(options.arguments()),
                    "java " + String.join(" ", ServerLaunch.JVM_FLAGS) + " -Xlog:gc:file=<run folder>/gc.log -jar "
                            + "<copy of server/target/ketnoi-server.jar> start --server.port=<free port> "
                            + "--ketnoi.data-dir=<run folder>/data " + String.join(" ", EXTRA_ARGUMENTS),
                    "java " + String.join(" ", ServerLaunch.JVM_FLAGS) + " -cp <copy of server/target/ketnoi-server.jar>"
                            + " -Dloader.path=bench/target/ketnoi-bench.jar -Dloader.main=" + Argon2Rate.class.getName()
                            + " " + HashRate.LAUNCHER + " " + HASH_THREADS + " " + options.hashWarmup().toMillis() + " "
                            + options.hashDuration().toMillis() + " <password>" + (options.profile()
                                    ? " (with -XX:StartFlightRecording=delay=" + options.hashWarmup().toSeconds()
                                            + "s,settings=default,filename=<run folder>/hash-<when>.jfr)" : ""),
                    wrkVersion, options, pgVersion, healthy, hashBefore, hashAfter, hashInlined, signins, tokens,
                    sessions,
                    List.copyOf(profiles), shutdown, List.copyOf(problems));
        } finally {
            Database.closeQuietly(admin);
            cleanup.stopServer(server, postmaster, removeRunFiles);
        }

        String report = new IdentityReport(results).markdown();
        Path file = ResultsFile.write(layout.resultsDir(), "identity-" + results.started().toLocalDate() + "-"
                + results.git().shortHash(), report);
        out.println();
        out.println(report);
        out.println("Written to " + layout.root().relativize(file));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Set-up

    /** A demo account's or system's secret from {@code <data dir>/demo-accounts.properties}. */
    static String demoSecret(Path dataDir, String clientId) {
        Path file = dataDir.resolve("demo-accounts.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot read the demo clients' secrets from " + file + ": " + e.getMessage(), e);
        }
        String secret = properties.getProperty(clientId);
        if (secret == null) {
            throw new BenchmarkFailed(file + " has no entry for the demo account or system " + clientId);
        }
        return secret;
    }

    private static void touch(IdentityClient client, String path) {
        try {
            client.get(new IdentityClient.Browser(), path);
        } catch (IOException e) {
            throw new BenchmarkFailed("the server did not answer " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    /** The i-th benchmark citizen: a 12-digit number (province code 099 does not exist, so no one real). */
    static String username(int index) {
        return String.format(Locale.ROOT, "099%09d", index);
    }

    /** The next account in turn: every sign-in uses an account of its own until all have been used once. */
    private String nextUsername() {
        return username(Math.floorMod(nextAccount.getAndIncrement(), accountCount));
    }

    /**
     * Citizens without a second factor, inserted as the registration would leave them, all with the
     * same password and its one Argon2id hash (hashing thousands would take minutes and measure
     * nothing). The data directory is thrown away after the run.
     */
    private void createAccounts(Connection admin, String hash, int count) {
        long start = System.nanoTime();
        String sql = "insert into identity.account(username, display_name, kind, roles, password_hash, id_number) "
                + "values (?, ?, 'CITIZEN', '{}', ?, ?)";
        try (PreparedStatement insert = admin.prepareStatement(sql)) {
            admin.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String number = username(i);
                insert.setString(1, number);
                insert.setString(2, "Công dân thử nghiệm " + i);
                insert.setString(3, hash);
                insert.setString(4, number);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            admin.commit();
            admin.setAutoCommit(true);
        } catch (SQLException e) {
            throw new BenchmarkFailed("cannot create the benchmark's citizen accounts: " + e.getMessage(), e);
        }
        Database.execute(admin, "vacuum analyze identity.account");
        out.printf(Locale.ROOT, "Created %,d citizen accounts (Argon2id hash of one random password) in %.1f s%n",
                count, (System.nanoTime() - start) / 1e9);
    }

    /** One of each flow works before anything is timed; a failure here names what the server answered. */
    private void check(IdentityClient identity, String systemSecret) {
        try {
            IdentityClient.Browser browser = new IdentityClient.Browser();
            String signIn = identity.signIn(browser, identity.csrf(), nextUsername(), password);
            if (signIn != null) {
                throw new BenchmarkFailed("a benchmark citizen's sign-in answered " + signIn
                        + " instead of 302 onwards to the portal");
            }
            String portal = identity.completePortalSignIn(browser);
            if (portal != null) {
                throw new BenchmarkFailed("the portal's sign-in did not reach /account: " + portal);
            }
            String page = identity.accountPage(browser);
            if (page != null) {
                throw new BenchmarkFailed("GET /account with the portal session answered " + page);
            }
            HttpResponse<String> cc = identity.tokenRequest(SYSTEM_CLIENT, systemSecret, WebForms.form("grant_type",
                    IdentityResults.CLIENT_CREDENTIALS, "scope", SYSTEM_SCOPE));
            if (cc.statusCode() != 200 || WebForms.jsonString(cc.body(), "access_token") == null) {
                throw new BenchmarkFailed("a client_credentials grant of " + SYSTEM_CLIENT + " answered "
                        + cc.statusCode() + ": " + IdentityClient.abbreviate(cc.body()));
            }
            IdentityClient.Browser other = new IdentityClient.Browser();
            if (identity.signIn(other, identity.csrf(), nextUsername(), password) != null) {
                throw new BenchmarkFailed("the second check sign-in failed");
            }
            String refresh = identity.refreshToken(other);
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = identity.tokenRequest(IdentityClient.PORTAL, identity.portalSecret(),
                        WebForms.form("grant_type", IdentityResults.REFRESH_TOKEN, "refresh_token", refresh));
                String next = WebForms.jsonString(r.body(), "refresh_token");
                if (r.statusCode() != 200 || next == null) {
                    throw new BenchmarkFailed("a refresh_token grant of the portal's client answered " + r.statusCode()
                            + ": " + IdentityClient.abbreviate(r.body()) + " (the server log says why)");
                }
                refresh = next;
            }
        } catch (IOException e) {
            throw new BenchmarkFailed("the server did not answer a check: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
        out.println("Checked: password sign-in, portal sign-in, /account, client_credentials and refresh_token grants");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Hashes and sign-ins

    private HashRate.Result hashRate(String when, List<String> command, Path runDir) {
        Path log = runDir.resolve("hash-" + when + ".log");
        noteBusy(quietMachine.await(text -> out.print("\r" + text)), "the bare hash rate (" + when + ")");
        long seconds = options.hashWarmup().plus(options.hashDuration()).toSeconds();
        AtomicLong hashes = new AtomicLong();
        AtomicLong elapsedSeconds = new AtomicLong();
        long start = System.nanoTime();
        HashRate.Result result;
        try (RateProgress progress = new RateProgress(out, "Argon2id " + when, "s", seconds, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))) {
            progress.activity(() -> String.format(Locale.ROOT, "bare hash rate, %d threads, %s: %,d hashes so far",
                    HASH_THREADS, elapsedSeconds.get() < options.hashWarmup().toSeconds() ? "warm-up" : "measuring",
                    hashes.get()));
            result = HashRate.run(command, layout.root(), log, Duration.ofSeconds(seconds + 120), total -> {
                hashes.set(total);
                elapsedSeconds.incrementAndGet();
            });
        }
        out.printf(Locale.ROOT, "Bare Argon2id (%s), %s: %.1f hashes/s on %d threads (%.1f ms CPU a hash)%n",
                result.cost(), when, result.rate(), result.threads(), result.cpuMillisPerHash());
        if (options.profile()) {
            profiles.add(Jfr.profile(switch (when) {
                case "before" -> IdentityResults.PROFILE_HASH_BEFORE;
                case "after" -> IdentityResults.PROFILE_HASH_AFTER;
                default -> IdentityResults.PROFILE_HASH_INLINED;
            }, runDir.resolve("hash-" + when + ".jfr"),
                    runDir.resolve("hash-" + when + "-hot-methods.txt")));
        }
        return result;
    }

    private List<IdentityResults.SigninPoint> signins(IdentityClient identity, KetnoiServer server, Path gcLog,
            Path runDir) {
        List<IdentityResults.SigninPoint> points = new ArrayList<>();
        List<Integer> levels = options.signinConcurrency();
        Duration each = options.warmup().plus(options.duration());
        long planned = options.signinWarmup().toSeconds() + each.toSeconds() * levels.size();
        long start = System.nanoTime();
        try (RateProgress progress = new RateProgress(out, "sign-ins", "s", planned, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))) {
            if (!options.signinWarmup().isZero()) {
                int c = options.maxSigninConcurrency();
                LongAdder completed = new LongAdder();
                progress.activity(live("JIT warm-up of the server's Argon2, C=" + c, completed, "sign-ins/s"));
                // A run of its own whose measured second is thrown away: the warm-up is what it is for.
                LoadDriver.run("sign-in warm-up", c, options.signinWarmup(), Duration.ofSeconds(1),
                        signInClients(identity), server.handle(), completed, null);
            }
            startProfile(server, "signins", runDir, progress);
            for (int c : levels) {
                double busyBefore = quietMachine.await(text -> progress.activity(text));
                noteBusy(busyBefore, "the sign-ins at C=" + c);
                LongAdder completed = new LongAdder();
                progress.activity(live("POST /signin, C=" + c, completed, "sign-ins/s"));
                int gcBefore = GcLog.lines(gcLog).size();
                long gcFrom = System.nanoTime();
                LoadDriver.Run run = LoadDriver.run("POST /signin", c, options.warmup(), options.duration(),
                        signInClients(identity), server.handle(), completed, null,
                        () -> PostgresProcesses.of(server.cluster(), server.handle()));
                List<String> gcLines = GcLog.lines(gcLog);
                GcLog gc = GcLog.parse(gcLines.subList(Math.min(gcBefore, gcLines.size()), gcLines.size()));
                points.add(new IdentityResults.SigninPoint(run, busyBefore, gc,
                        Duration.ofNanos(System.nanoTime() - gcFrom), ProcMemory.of(List.of(server.handle()))));
                if (!server.isAlive()) {
                    throw new BenchmarkFailed("the server died during the sign-ins; see " + server.log() + server.tail());
                }
            }
            stopProfile(server, "signins", IdentityResults.PROFILE_SIGNINS, runDir, progress);
        }
        for (IdentityResults.SigninPoint p : points) {
            LoadDriver.Run r = p.run();
            out.printf(Locale.ROOT, "  C=%-3d POST /signin %7.1f sign-ins/s  p50 %7.1f ms  p99 %7.1f ms  errors %d%n",
                    r.concurrency(), r.rate(), r.p50(), r.p99(), r.errors());
        }
        return points;
    }

    /**
     * One browser per client: its XSRF-TOKEN cookie and form token come from one GET /signin before
     * the clock starts (the token is stable per browser); each sign-in then starts from an empty
     * cookie jar but for that cookie, with the next account in turn.
     */
    private java.util.function.IntFunction<LoadDriver.Client> signInClients(IdentityClient identity) {
        return i -> {
            IdentityClient.Csrf csrf;
            try {
                csrf = identity.csrf();
            } catch (IOException e) {
                throw new BenchmarkFailed("GET /signin failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailed("interrupted");
            }
            return random -> identity.signIn(new IdentityClient.Browser(), csrf, nextUsername(), password);
        };
    }

    /** JDK Flight Recorder in the server, outside any measured window (jcmd is a JVM start of its own). */
    private void startProfile(KetnoiServer server, String name, Path runDir, RateProgress progress) {
        if (options.profile()) {
            progress.activity("jcmd JFR.start (" + name + ")");
            Jfr.start(server.handle().pid(), name, runDir.resolve("server-" + name + ".jfr"),
                    runDir.resolve("jcmd-jfr-" + name + ".txt"));
        }
    }

    private void stopProfile(KetnoiServer server, String name, String what, Path runDir, RateProgress progress) {
        if (options.profile()) {
            progress.activity("jcmd JFR.stop (" + name + ") and jfr view hot-methods");
            Jfr.stop(server.handle().pid(), name, runDir.resolve("jcmd-jfr-" + name + ".txt"));
            profiles.add(Jfr.profile(what, runDir.resolve("server-" + name + ".jfr"),
                    runDir.resolve("server-" + name + "-hot-methods.txt")));
        }
    }

    static java.util.function.Supplier<String> live(String what, LongAdder completed, String unit) {
        AtomicLong lastCount = new AtomicLong();
        AtomicLong lastAt = new AtomicLong(System.nanoTime());
        return () -> {
            long now = System.nanoTime();
            long count = completed.sum();
            double rate = (count - lastCount.getAndSet(count)) / Math.max(1e-3, (now - lastAt.getAndSet(now)) / 1e9);
            return String.format(Locale.ROOT, "%s: %,.1f %s", what, rate, unit);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. The token endpoint

    private List<IdentityResults.TokenPoint> tokens(IdentityClient identity, KetnoiServer server, Connection admin,
            String systemSecret, Path runDir, Path gcLog) {
        List<IdentityResults.TokenPoint> points = new ArrayList<>();
        Path ccScript = write(runDir.resolve("client-credentials.lua"),
                Wrk.clientCredentialsScript(WebForms.basic(SYSTEM_CLIENT, systemSecret), SYSTEM_SCOPE));
        Path refreshScript = write(runDir.resolve("refresh.lua"),
                Wrk.refreshScript(WebForms.basic(IdentityClient.PORTAL, identity.portalSecret())));
        Duration each = options.warmup().plus(options.duration());
        long planned = each.toSeconds() * (options.ccConcurrency().size() + options.refreshConcurrency().size())
                + 2 * options.tokenWarmup().toSeconds();
        long start = System.nanoTime();
        try (RateProgress progress = new RateProgress(out, "tokens", "s", planned, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))) {
            for (String grant : List.of(IdentityResults.CLIENT_CREDENTIALS, IdentityResults.REFRESH_TOKEN)) {
                boolean cc = grant.equals(IdentityResults.CLIENT_CREDENTIALS);
                List<Integer> levels = cc ? options.ccConcurrency() : options.refreshConcurrency();
                List<IdentityResults.TokenPoint> mine = new ArrayList<>();
                grantWarmup(grant, levels, cc ? ccScript : refreshScript, identity, runDir, progress);
                for (int c : levels) {
                    mine.add(tokenPoint(grant, c, false, cc ? ccScript : refreshScript, identity, server, admin,
                            runDir, gcLog, progress));
                }
                for (int extra = 0; options.search() && extra < TokenSearch.MAX_EXTRA; extra++) {
                    Integer c = TokenSearch.nextLevel(mine, TOKEN_P99_MS);
                    if (c == null) {
                        break;
                    }
                    mine.add(tokenPoint(grant, c, true, cc ? ccScript : refreshScript, identity, server, admin,
                            runDir, gcLog, progress));
                }
                if (options.profile()) {
                    // One recording per measured window (not the refresh chains' sign-ins before them), joined:
                    // a JFR file is a sequence of chunks, so the files one after another make one recording.
                    Path joined = runDir.resolve("server-" + grant + ".jfr");
                    progress.activity("jfr view hot-methods (" + grant + ")");
                    concatenate(mine.stream().map(p -> runDir.resolve("server-" + grant + "-" + p.concurrency() + ".jfr"))
                            .toList(), joined);
                    profiles.add(Jfr.profile(IdentityResults.tokenProfile(grant), joined,
                            runDir.resolve("server-" + grant + "-hot-methods.txt")));
                }
                points.addAll(mine);
            }
        }
        for (IdentityResults.TokenPoint p : points) {
            Wrk.Result r = p.result();
            out.printf(Locale.ROOT, "  %-18s C=%-3d %8.1f grants/s  p50 %6.1f ms  p99 %6.1f ms  errors %d%s%n",
                    p.grant(), p.concurrency(), r.rate(), r.p50Millis(), r.p99Millis(), r.errors(),
                    p.extra() ? "  (search)" : "");
        }
        return points;
    }

    /**
     * Before a grant's first point: its code path has not run yet (the sign-ins do not warm it), and
     * the JIT needs more than one point's warm-up for it (the first point of each grant was measurably
     * slower per grant in CPU when it had only its own warm-up). So the grant runs at its highest level
     * for --token-warmup first, not recorded.
     */
    private void grantWarmup(String grant, List<Integer> levels, Path script, IdentityClient identity, Path runDir,
            RateProgress progress) {
        if (options.tokenWarmup().isZero()) {
            return;
        }
        int c = levels.stream().mapToInt(Integer::intValue).max().orElse(8);
        List<String> args = List.of();
        if (grant.equals(IdentityResults.REFRESH_TOKEN)) {
            progress.activity(grant + ": " + c + " portal sign-ins for the JIT warm-up's refresh-token chains");
            args = List.of(write(runDir.resolve("refresh-jit-warmup.tokens"), String.join("\n", chains(identity, c))
                    + "\n").toString());
        }
        progress.activity(grant + ": JIT warm-up at C=" + c + " (wrk, " + options.tokenWarmup().toSeconds() + " s)");
        Wrk.run(Wrk.command(c, options.tokenWarmup(), script, identity.base() + "/oauth2/token", args),
                runDir.resolve("wrk-" + grant + "-jit-warmup.txt"), options.tokenWarmup());
    }

    private IdentityResults.TokenPoint tokenPoint(String grant, int c, boolean extra, Path script,
            IdentityClient identity, KetnoiServer server, Connection admin, Path runDir, Path gcLog,
            RateProgress progress) {
        boolean refresh = grant.equals(IdentityResults.REFRESH_TOKEN);
        String label = grant + " C=" + c + (extra ? " (search for p99 < 50 ms)" : "");
        String url = identity.base() + "/oauth2/token";
        List<String> warmupArgs = List.of();
        List<String> measuredArgs = List.of();
        if (refresh) {
            // Chains for the warm-up and for the measurement: wrk leaves the chains it had in flight at its end
            // broken (their new token never read), so each run starts with fresh ones.
            progress.activity("refresh_token C=" + c + ": " + 2 * c + " portal sign-ins for fresh refresh-token chains");
            List<String> chains = chains(identity, 2 * c);
            warmupArgs = List.of(write(runDir.resolve("refresh-" + c + "-warmup.tokens"),
                    String.join("\n", chains.subList(0, c)) + "\n").toString());
            measuredArgs = List.of(write(runDir.resolve("refresh-" + c + ".tokens"),
                    String.join("\n", chains.subList(c, 2 * c)) + "\n").toString());
        }
        double busyBefore = quietMachine.await(text -> progress.activity(text));
        noteBusy(busyBefore, label);
        if (!options.warmup().isZero()) {
            progress.activity(label + ": warm-up (wrk)");
            Wrk.run(Wrk.command(c, options.warmup(), script, url, warmupArgs), runDir.resolve("wrk-" + grant + "-" + c
                    + "-warmup.txt"), options.warmup());
        }
        String recording = grant + "-" + c;
        if (options.profile()) {
            progress.activity(label + ": jcmd JFR.start");
            Jfr.start(server.handle().pid(), recording, runDir.resolve("server-" + recording + ".jfr"),
                    runDir.resolve("jcmd-jfr-" + recording + ".txt"));
        }
        progress.activity(label + ": measuring (wrk, " + options.duration().toSeconds() + " s)");
        Collection<ProcessHandle> postgres = PostgresProcesses.of(server.cluster(), server.handle());
        int gcBefore = GcLog.lines(gcLog).size();
        String lsn = Database.queryString(admin, "select pg_current_wal_lsn()::text");
        CpuSample cpu = CpuSample.read();
        long serverCpu = ProcCpu.millis(List.of(server.handle()));
        long postgresCpu = ProcCpu.millis(postgres);
        long children = ProcCpu.waitedChildrenMillis();
        Wrk.Result result = Wrk.run(Wrk.command(c, options.duration(), script, url, measuredArgs),
                runDir.resolve("wrk-" + grant + "-" + c + ".txt"), options.duration()).stalledIfSilent(c);
        double busy = CpuSample.read().busyShareSince(cpu);
        long wrkCpu = children < 0 ? -1 : ProcCpu.waitedChildrenMillis() - children;
        long serverUsed = ProcCpu.millis(List.of(server.handle())) - serverCpu;
        long postgresUsed = ProcCpu.millis(postgres) - postgresCpu;
        long wal = Database.queryLong(admin, "select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint", lsn);
        if (options.profile()) {
            Jfr.stop(server.handle().pid(), recording, runDir.resolve("jcmd-jfr-" + recording + ".txt"));
        }
        List<String> gcLines = GcLog.lines(gcLog);
        GcLog gc = GcLog.parse(gcLines.subList(Math.min(gcBefore, gcLines.size()), gcLines.size()));
        if (!server.isAlive()) {
            throw new BenchmarkFailed("the server died during the " + grant + " grants; see " + server.log()
                    + server.tail());
        }
        return new IdentityResults.TokenPoint(grant, c, extra, result, busyBefore, busy, serverUsed, postgresUsed,
                wrkCpu, wal, gc);
    }

    /** Refresh tokens, each the head of its own authorization: a citizen's sign-in and the portal's code flow. */
    private List<String> chains(IdentityClient identity, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, SESSION_CONCURRENCY));
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    IdentityClient.Browser browser = new IdentityClient.Browser();
                    String failed = identity.signIn(browser, identity.csrf(), nextUsername(), password);
                    if (failed != null) {
                        throw new BenchmarkFailed("a sign-in for a refresh-token chain answered " + failed);
                    }
                    return identity.refreshToken(browser);
                }));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> f : futures) {
                tokens.add(f.get());
            }
            return tokens;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchmarkFailed("cannot start the refresh-token chains: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. Sessions

    private IdentityResults.Sessions sessions(IdentityClient identity, KetnoiServer server, Connection admin,
            Path runDir) {
        int n = options.sessions();
        List<IdentityClient.Browser> browsers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            browsers.add(new IdentityClient.Browser());
        }
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            usernames.add(nextUsername());
        }
        List<IdentityResults.Step> steps = new ArrayList<>();
        ConcurrentHashMap<Thread, IdentityClient.Csrf> perWorker = new ConcurrentHashMap<>();
        ClassHistogram heapBefore;
        Memory rssBefore;
        long sessionsBefore;
        long bytesBefore;
        long createdAfter;
        try (RateProgress progress = new RateProgress(out, "sessions", "steps", 3L * n + SESSION_WARMUP,
                System::nanoTime)) {
            AtomicLong stepsDone = new AtomicLong();
            progress.counting(stepsDone::get);
            // Warm-up: the portal's flows and the account page, so the heap before holds their classes and caches.
            progress.activity("warm-up: " + SESSION_WARMUP + " portal sign-ins and page views");
            eachOnce("warm-up", SESSION_WARMUP, SESSION_CONCURRENCY, i -> {
                IdentityClient.Browser b = new IdentityClient.Browser();
                String failed = identity.signIn(b, worker(perWorker, identity), nextUsername(), password);
                failed = failed != null ? failed : identity.completePortalSignIn(b);
                failed = failed != null ? failed : identity.accountPage(b);
                stepsDone.incrementAndGet();
                return failed;
            });
            try {
                Database.execute(admin, "create extension if not exists pg_walinspect");
            } catch (BenchmarkFailed e) {
                problems.add("pg_walinspect is not available, so the WAL is not split into full-page images and "
                        + "records: " + e.getMessage());
            }
            progress.activity("jcmd GC.class_histogram (a full collection) before");
            heapBefore = ClassHistogram.of(server.handle().pid(), runDir.resolve("heap-before.txt"));
            rssBefore = ProcMemory.of(List.of(server.handle()));
            sessionsBefore = Database.queryLong(admin, "select count(*) from identity.http_session");
            bytesBefore = sessionBytes(admin);
            createdAfter = Database.queryLong(admin, "select (extract(epoch from now()) * 1000)::bigint");

            steps.add(step(admin, progress, "provider sign-in: POST /signin (password, Argon2id), new session", n,
                    i -> {
                        String failed = identity.signIn(browsers.get(i), worker(perWorker, identity), usernames.get(i),
                                password);
                        stepsDone.incrementAndGet();
                        return failed;
                    }));
            steps.add(step(admin, progress, "portal sign-in: /oauth2/authorization → /oauth2/authorize → portal "
                    + "callback (code exchange over loopback) → 302 /account", n, i -> {
                        String failed = identity.completePortalSignIn(browsers.get(i));
                        stepsDone.incrementAndGet();
                        return failed;
                    }));
            steps.add(step(admin, progress, "page view: GET /account with the portal session", n, i -> {
                String failed = identity.accountPage(browsers.get(i));
                stepsDone.incrementAndGet();
                return failed;
            }));
            progress.activity("jcmd GC.class_histogram (a full collection) after");
        }
        ClassHistogram heapAfter = ClassHistogram.of(server.handle().pid(), runDir.resolve("heap-after.txt"));
        Memory rssAfter = ProcMemory.of(List.of(server.handle()));
        long sessionsAfter = Database.queryLong(admin, "select count(*) from identity.http_session");
        long bytesAfter = sessionBytes(admin);
        long newSessions = Database.queryLong(admin,
                "select count(*) from identity.http_session where creation_time >= ?", createdAfter);
        long tupleBytes = Database.queryLong(admin, """
                select coalesce((select sum(pg_column_size(s.*)) from identity.http_session s
                                 where s.creation_time >= ?), 0)
                     + coalesce((select sum(pg_column_size(a.*)) from identity.http_session_attributes a
                                 join identity.http_session s on s.primary_id = a.session_primary_id
                                 where s.creation_time >= ?), 0)""", createdAfter, createdAfter);
        List<IdentityResults.Attribute> attributes = attributes(admin, createdAfter);
        IdentityResults.Sessions sessions = new IdentityResults.Sessions(n, steps, sessionsBefore, sessionsAfter,
                bytesBefore, bytesAfter, tupleBytes, newSessions, attributes, heapBefore, heapAfter,
                heapAfter.grownSince(heapBefore, 8), rssBefore, rssAfter);
        for (IdentityResults.Step s : steps) {
            out.printf(Locale.ROOT, "  %-60.60s %7.1f/s  %,8.0f WAL B each  %5.2f rows each  errors %d%n", s.name(),
                    s.rate(), s.walBytes() / (double) Math.max(1, s.done()),
                    s.rowsWritten() / (double) Math.max(1, s.done()), s.errorCount());
        }
        out.printf(Locale.ROOT, "  Sessions: %,.0f B each in PostgreSQL (tables and indexes), live heap %+,.0f B each%n",
                sessions.tableBytesPerSession(), sessions.heapBytesPerSession());
        return sessions;
    }

    /** Each worker thread's own browser form token (a GET /signin the first time it needs one). */
    private static IdentityClient.Csrf worker(ConcurrentHashMap<Thread, IdentityClient.Csrf> perWorker,
            IdentityClient identity) {
        return perWorker.computeIfAbsent(Thread.currentThread(), t -> {
            try {
                return identity.csrf();
            } catch (IOException e) {
                throw new BenchmarkFailed("GET /signin failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailed("interrupted");
            }
        });
    }

    private static long sessionBytes(Connection admin) {
        return Database.queryLong(admin, "select pg_total_relation_size('identity.http_session') "
                + "+ pg_total_relation_size('identity.http_session_attributes')");
    }

    private static List<IdentityResults.Attribute> attributes(Connection admin, long createdAfter) {
        List<IdentityResults.Attribute> attributes = new ArrayList<>();
        String sql = """
                select a.attribute_name, count(*), avg(length(a.attribute_bytes))
                from identity.http_session_attributes a join identity.http_session s on s.primary_id = a.session_primary_id
                where s.creation_time >= ? group by a.attribute_name order by 3 desc""";
        try (PreparedStatement q = admin.prepareStatement(sql)) {
            q.setLong(1, createdAfter);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    attributes.add(new IdentityResults.Attribute(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
        } catch (SQLException e) {
            throw new BenchmarkFailed("cannot read the session attributes: " + e.getMessage(), e);
        }
        return attributes;
    }

    interface Task {
        /** Null when it went right, else what went wrong. */
        String run(int index) throws Exception;
    }

    /**
     * One step for every browser, after a CHECKPOINT: the WAL it wrote (LSN before and after) and,
     * once the backends have flushed their statistics, the rows it wrote per table.
     */
    private IdentityResults.Step step(Connection admin, RateProgress progress, String name, int n, Task task) {
        noteBusy(quietMachine.await(text -> progress.activity(text)), "sessions, " + shortName(name));
        Database.execute(admin, "checkpoint");
        KetnoiServer.sleepNanos(STATS_FLUSH.toNanos()); // the previous step's statistics
        Map<String, IdentityResults.TableWrites> before = tableWrites(admin);
        long fpiBefore = Database.queryLong(admin, "select wal_fpi from pg_stat_wal");
        String lsn = Database.queryString(admin, "select pg_current_wal_lsn()::text");
        progress.activity(name);
        Outcome outcome = eachOnce(name, n, SESSION_CONCURRENCY, task);
        String endLsn = Database.queryString(admin, "select pg_current_wal_lsn()::text");
        long wal = Database.queryLong(admin, "select pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::bigint", endLsn, lsn);
        long[] split = walSplit(admin, lsn, endLsn);
        progress.activity(name + ": waiting " + STATS_FLUSH.toSeconds() + " s for the table statistics");
        KetnoiServer.sleepNanos(STATS_FLUSH.toNanos());
        Map<String, IdentityResults.TableWrites> after = tableWrites(admin);
        long fpi = Database.queryLong(admin, "select wal_fpi from pg_stat_wal") - fpiBefore;
        List<IdentityResults.TableWrites> writes = new ArrayList<>();
        after.forEach((table, a) -> {
            IdentityResults.TableWrites b = before.getOrDefault(table, new IdentityResults.TableWrites(table, 0, 0, 0));
            IdentityResults.TableWrites d = new IdentityResults.TableWrites(table, a.inserted() - b.inserted(),
                    a.updated() - b.updated(), a.deleted() - b.deleted());
            if (d.total() > 0) {
                writes.add(d);
            }
        });
        writes.sort((x, y) -> Long.compare(y.total(), x.total()));
        if (!outcome.errors().isEmpty()) {
            problems.add("sessions, " + name + ": " + outcome.errors());
        }
        return new IdentityResults.Step(name, SESSION_CONCURRENCY, outcome.done(), outcome.errors(), outcome.millis(),
                outcome.latencies(), wal, fpi, split[0], split[1], List.copyOf(writes));
    }

    /**
     * The WAL between two positions split into full-page images and the records themselves
     * (pg_walinspect, which the benchmark adds to the throwaway database); {-1, -1} without it.
     */
    private static long[] walSplit(Connection admin, String from, String to) {
        try (PreparedStatement q = admin.prepareStatement("select coalesce(sum(fpi_size), 0), "
                + "coalesce(sum(record_size), 0) from pg_get_wal_stats(?::pg_lsn, least(?::pg_lsn, pg_current_wal_flush_lsn()))")) {
            q.setString(1, from);
            q.setString(2, to);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            return new long[] {-1, -1};
        }
    }

    private static Map<String, IdentityResults.TableWrites> tableWrites(Connection admin) {
        Map<String, IdentityResults.TableWrites> writes = new LinkedHashMap<>();
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(
                "select schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
            while (rs.next()) {
                writes.put(rs.getString(1), new IdentityResults.TableWrites(rs.getString(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw new BenchmarkFailed("cannot read pg_stat_user_tables: " + e.getMessage(), e);
        }
        return writes;
    }

    record Outcome(long done, Map<String, Long> errors, long millis, Latencies latencies) {
    }

    /** The task for 0..n-1, {@code concurrency} at a time, on virtual threads. */
    static Outcome eachOnce(String name, int n, int concurrency, Task task) {
        AtomicInteger next = new AtomicInteger();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Latencies.Recorder[] recorders = new Latencies.Recorder[concurrency];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders[w] = recorder;
            threads.add(Thread.ofVirtual().name(name + "-" + w).start(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    long t0 = System.nanoTime();
                    String failed;
                    try {
                        failed = task.run(i);
                    } catch (Exception e) {
                        failed = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                    }
                    if (failed == null) {
                        recorder.add(System.nanoTime() - t0);
                    } else {
                        errors.computeIfAbsent(failed, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailed("interrupted");
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<long[]> parts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Latencies.Recorder r : recorders) {
            parts.add(r.values);
            counts.add(r.count);
        }
        Latencies latencies = Latencies.merge(parts, counts);
        Map<String, Long> byKind = new LinkedHashMap<>();
        errors.forEach((k, v) -> byKind.put(k, v.get()));
        return new Outcome(latencies.count(), byKind, millis, latencies);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void noteBusy(double busy, String what) {
        if (busy > QuietMachine.QUIET_SHARE) {
            problems.add(String.format(Locale.ROOT, "the machine was %.0f %% busy (others' work) in the second before %s",
                    busy * 100, what));
        }
    }

    private static String shortName(String stepName) {
        int colon = stepName.indexOf(':');
        return colon > 0 ? stepName.substring(0, colon) : stepName;
    }

    /** Errors and warnings the server logged: a figure measured beside an error is not a figure. */
    private void scanServerLog(Path log) {
        List<ServerLog.Entry> logged = ServerLog.problems(log);
        if (!logged.isEmpty()) {
            problems.add("the server logged " + logged.size() + " error(s) or warning(s) in the whole run, by root "
                    + "cause: " + ServerLog.summary(logged, 0));
        }
    }

    private static void concatenate(List<Path> parts, Path joined) {
        try (java.io.OutputStream out = Files.newOutputStream(joined)) {
            for (Path part : parts) {
                Files.copy(part, out);
            }
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot join the recordings into " + joined + ": " + e.getMessage(), e);
        }
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
