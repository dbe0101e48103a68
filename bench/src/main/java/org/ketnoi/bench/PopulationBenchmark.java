package org.ketnoi.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Population benchmark (issue 3, "Figures"): a synthetic population of N citizens imported
 * through the real HTTP API next to PostgreSQL's own COPY of the same rows into the same table,
 * the heap of the server during the import, the disk size per citizen, then lookups through the
 * API with its security on next to bare SQL point lookups on the same rows, all in one run.
 */
final class PopulationBenchmark {

    static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);
    static final Duration QUIET_WAIT = Duration.ofMinutes(5);
    static final String MAX_HEAP = "-Xmx512m";
    static final long MAX_HEAP_BYTES = 512L * 1024 * 1024;
    static final List<String> EXTRA_ARGUMENTS = List.of("--ketnoi.demo.population=0",
            "--management.endpoints.web.exposure.include=health,info,prometheus,metrics");
    /** The official (an account): imports, and looks people up; signs in on the provider's pages. */
    static final String IMPORTER = "bench.importer";
    static final String IMPORTER_AGENCY = "000.00.00.G03";
    /** The verifying system (an OAuth2 client of the provider): verifications with the client-credentials grant. */
    static final String VERIFIER = "bench.verifier";
    static final String VERIFIER_AGENCY = "000.00.00.G14";
    static final String VERIFIER_SCOPE = "population.verify";
    static final String TABLE = "population.citizen";
    /** For the account checks before the import, when there is no sample yet: a valid number, not in the registry. */
    static final PopulationFile.Person NOBODY = new PopulationFile.Person("001090000001", "Nguyễn Văn An", "1990-01-01",
            "nguyen van an", 1990);
    /** After the upload the generator has written everything; it only has to exit. */
    static final Duration GENERATOR_EXIT_TIMEOUT = Duration.ofMinutes(1);

    private final RepoLayout layout;
    private final PopulationOptions options;
    private final PrintStream out;
    private final ServerLaunch launch;
    private final HttpClient http;
    private final Cleanup cleanup = new Cleanup();
    private final QuietMachine quietMachine = new QuietMachine(QUIET_WAIT);
    private final List<String> problems = new ArrayList<>();
    private long freeLowest = Long.MAX_VALUE;

    PopulationBenchmark(RepoLayout layout, PopulationOptions options, PrintStream out) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.launch = ServerLaunch.of(layout);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    void run() {
        ZonedDateTime started = ZonedDateTime.now();
        long startedNanos = System.nanoTime();
        MachineInfo machine = MachineInfo.read();
        String loadBefore = MachineInfo.loadAverage();
        GitRevision git = GitRevision.of(layout.root());
        Path workRoot = createDirectories(layout.benchTarget().resolve("population"));
        FileStore store = fileStore(workRoot);
        long freeBefore = usable(store);
        checkDisk(workRoot, freeBefore);
        out.printf(Locale.ROOT, "Population benchmark: %,d citizens (seed %d) on %s (%d cores), JDK %s, commit %s%n",
                options.count(), options.seed(), machine.cpuModel(), machine.logicalCpus(), machine.javaVersion(),
                git.describe());

        Path runDir = createDirectories(workRoot.resolve("run-"
                + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        // A private copy of the server jar: a colleague's rebuild of server/target during the run must not pull
        // the jar from under the running server.
        Path serverJar = runDir.resolve("ketnoi-server.jar");
        String jarInfo = copyJar(layout.serverJar(), serverJar);
        ServerLaunch launch = new ServerLaunch(this.launch.java(), serverJar, layout.root());

        // 1. The file, and the sample the lookups will ask for; with --stream, both come during the import.
        PopulationFile.Generated generated = null;
        PopulationFile.Sample sample = null;
        PopulationStream stream = null;
        if (options.stream()) {
            stream = new PopulationStream(launch.java(), serverJar, layout.root(), runDir, options.count(),
                    options.seed());
        } else {
            generated = PopulationFile.generateOrReuse(layout, serverJar, options.count(), options.seed(), out, cleanup);
            sample = PopulationFile.sample(generated.file(), options.count(), out);
            checkRows(sample, "the generated file");
        }
        noteFree(store);

        Path dataDir = runDir.resolve("data");
        Path copyDir = createDirectories(runDir.resolve("copy"));
        Path serverLog = runDir.resolve("server.log");
        Path gcLog = runDir.resolve("gc.log");
        out.println("Server data directory and logs under " + layout.root().relativize(runDir));

        int port = FreePort.find();
        List<String> jvmFlags = List.of(MAX_HEAP, "-Xlog:gc:file=" + gcLog);
        List<String> command = launch.command(port, dataDir, jvmFlags, EXTRA_ARGUMENTS);
        // Registered before the server, so on Ctrl-C it runs after the server (and its PostgreSQL) stopped.
        AutoCloseable removeRunFiles = () -> {
            if (!options.keepData()) {
                deleteRecursively(dataDir);
                deleteRecursively(copyDir);
            }
            Files.deleteIfExists(serverJar);
        };
        cleanup.register(removeRunFiles);
        if (stream != null) {
            cleanup.register(stream);
        }
        KetnoiServer server = KetnoiServer.launch(command, launch.workingDir(), dataDir, serverLog);
        cleanup.register(server);
        Optional<ProcessHandle> postmaster = Optional.empty();
        Connection admin = null;
        Connection monitor = null;
        BearerSource official = null;
        BearerSource verifier = null;
        PopulationResults results;
        try {
            out.println("Starting the server on port " + port + " (" + MAX_HEAP + ", empty data directory)...");
            long healthy = server.awaitHealthy(new HealthProbe(http, port), HEALTHY_TIMEOUT);
            out.printf(Locale.ROOT, "Healthy in %.1f s%n", healthy / 1000.0);
            postmaster = PostgresProcesses.postmaster(server.cluster());
            int pgPort = Database.port(server.cluster());
            admin = Database.connect(pgPort);
            monitor = Database.connect(pgPort);
            String pgVersion = Database.queryString(admin, "select version()");
            String password = HexFormat.of().formatHex(SecureRandom.getSeed(12));
            String totpSecret = Tokens.newTotpSecret();
            String clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(SecureRandom.getSeed(32));
            createAccounts(admin, password, totpSecret, clientSecret);
            // Real tokens from the server's own provider, each renewed in the background before its 5 minutes end;
            // the token requests have their own HttpClients, apart from the measured ones.
            String base = "http://localhost:" + port;
            Tokens.Person signIn = new Tokens.Person(base, IMPORTER, password, totpSecret);
            official = BearerSource.start("the official " + IMPORTER, signIn::token);
            HttpClient tokenHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            verifier = BearerSource.start("the system " + VERIFIER,
                    () -> Tokens.clientCredentials(tokenHttp, base, VERIFIER, clientSecret, VERIFIER_SCOPE));
            out.println("Tokens: " + IMPORTER + " signed in on the provider's pages (password and TOTP, authorization "
                    + "code with PKCE on " + Tokens.NATIVE_CLIENT + "), " + VERIFIER + " with client credentials");
            checkAccounts(port, official.get(), verifier.get(), NOBODY);

            // 2. Our import through the API, then PostgreSQL's COPY of the same rows (unless --no-copy-peer).
            PopulationResults.Import imported = importFile(server, port, official, generated, stream,
                    sample == null ? options.count() : sample.rows(), gcLog, admin);
            PopulationResults.Generation generation;
            if (stream != null) {
                PopulationStream.Finished finished = stream.finish(GENERATOR_EXIT_TIMEOUT);
                if (stream.failure() != null) {
                    throw new BenchmarkFailed("cannot take the sample from the generator's stream: "
                            + stream.failure().getMessage(), stream.failure());
                }
                if (finished.exitCode() != 0) {
                    throw new BenchmarkFailed("the generator " + (finished.exitCode() < 0 ? "did not exit within "
                            + GENERATOR_EXIT_TIMEOUT.toSeconds() + " s after the upload" : "failed with code "
                            + finished.exitCode()) + "; see " + stream.log());
                }
                sample = stream.sampler().sample();
                checkRows(sample, "the generator's stream");
                generation = new PopulationResults.Generation("<run folder>/stream.csv.part (a named pipe)",
                        stream.bytes(), finished.millis(), sample.rows(), sample.people().size(), true,
                        finished.cpuMillis(), finished.peakRssKib());
                // The pipe's files go now; the finally block only repeats this if something failed before.
                Database.closeQuietly(stream);
            } else {
                generation = new PopulationResults.Generation(layout.root().relativize(generated.file()).toString(),
                        generated.bytes(), generated.generatedMillis(), sample.rows(), sample.people().size(), false,
                        -1, -1);
            }
            if (sample.people().isEmpty()) {
                throw new BenchmarkFailed("the sample for the lookups is empty");
            }
            long accepted = imported.outcome().accepted();
            PopulationResults.Sizes afterImport = sizes(admin, options.copyPeer() ? imported.rowsInTable() : accepted);
            noteFree(store);
            PopulationResults.CopyPeer copy = null;
            PopulationResults.Sizes afterCopy = null;
            EarlierCopyRatio earlierCopy = null;
            if (options.copyPeer()) {
                copy = copyPeer(admin, monitor, copyDir, imported.rowsInTable(), store);
                afterCopy = sizes(admin, copy.copyFromRows());
            } else {
                earlierCopy = EarlierCopyRatio.find(layout.resultsDir()).orElse(null);
            }
            long vacuum = vacuum(admin, monitor);
            if (!options.copyPeer()) {
                // VACUUM read every page, so its count of live rows is exact; no count(*) over a table larger than RAM.
                long inTable = liveRowsAfterVacuum;
                if (inTable != accepted) {
                    problems.add("the server reported " + accepted + " rows accepted but VACUUM counted " + inTable
                            + " in the table");
                }
                imported = withRowsInTable(imported, inTable);
            }

            // 3 and 4. Lookups through the API and bare SQL on the same rows.
            Lookups lookups = new Lookups(http, port, official, verifier, pgPort, sample.people());
            List<LoadDriver.Run> runs = lookups(lookups, server);

            Database.closeQuietly(monitor);
            Database.closeQuietly(admin);
            monitor = null;
            admin = null;
            for (BearerSource tokens : List.of(official, verifier)) {
                tokens.close();
                if (tokens.failures() > 0) {
                    problems.add("renewing the token of " + tokens.who() + " failed " + tokens.failures()
                            + " time(s) (" + tokens.renewals() + " renewed); the last: "
                            + abbreviate(tokens.lastFailure()));
                }
            }
            out.printf(Locale.ROOT, "Tokens renewed during the run: %d for %s, %d for %s%n", official.renewals(),
                    IMPORTER, verifier.renewals(), VERIFIER);
            scanServerLog(serverLog);
            out.println("Stopping the server (SIGTERM)...");
            KetnoiServer.Shutdown shutdown = server.stop(postmaster, SHUTDOWN_TIMEOUT);
            if (!shutdown.clean()) {
                problems.add("the server did not stop cleanly (exit code " + shutdown.exitCode() + ")");
            }
            GcLog gcWhole = GcLog.parse(GcLog.lines(gcLog));
            imported = withWholeRunGc(imported, gcWhole);
            if (!options.keepData()) {
                deleteRecursively(dataDir);
                deleteRecursively(copyDir);
                out.println("Deleted the data directory and the COPY file (--keep-data keeps them)");
            }
            results = new PopulationResults(started, Duration.ofNanos(System.nanoTime() - startedNanos), machine,
                    loadBefore, MachineInfo.loadAverage(), git, jarInfo, commandLine(), display(launch, jvmFlags),
                    "java " + String.join(" ", PopulationFile.GENERATOR_JVM_FLAGS)
                            + " -jar server/target/ketnoi-server.jar generate-population --count " + options.count()
                            + " --seed " + options.seed() + " --format csv --out "
                            + (options.stream() ? "<run folder>/stream.csv" : generation.file()),
                    options, pgVersion,
                    new PopulationResults.Disk(store.toString(), total(store), freeBefore, freeLowest, usable(store)),
                    generation, healthy, imported, afterImport, copy, afterCopy, earlierCopy, vacuum, runs, shutdown,
                    List.copyOf(problems));
        } finally {
            Database.closeQuietly(monitor);
            Database.closeQuietly(admin);
            Database.closeQuietly(official);
            Database.closeQuietly(verifier);
            if (stream != null) {
                Database.closeQuietly(stream);
                cleanup.done(stream);
            }
            cleanup.stopServer(server, postmaster, removeRunFiles);
        }

        String report = new PopulationReport(results).markdown();
        Path file = write(report, results);
        out.println();
        out.println(report);
        out.println("Written to " + layout.root().relativize(file));
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * The official and the verifying system, inserted with SQL as the server's own code would store them (the
     * data directory is thrown away after the run): the official with a BCrypt password and a TOTP secret the
     * benchmark holds (officials must use a second factor), the system as an OAuth2 client with the layout the
     * server gives the demo system {@code yte.hethong} and a SHA-256 secret. Both before the first token request:
     * the server caches a client and a system's caller only after it first read them.
     */
    private void createAccounts(Connection admin, String password, String totpSecret, String clientSecret) {
        try (PreparedStatement official = admin.prepareStatement("""
                        insert into identity.account(username, display_name, kind, agency_id, roles, password_hash,
                            totp_secret, totp_enabled_at)
                        values (?, ?, 'OFFICIAL', ?, ?, ?, ?, now())""");
                PreparedStatement client = admin.prepareStatement("""
                        insert into oauth2_registered_client(id, client_id, client_secret, client_name,
                            client_authentication_methods, authorization_grant_types, redirect_uris,
                            post_logout_redirect_uris, scopes, client_settings, token_settings)
                        values (?, ?, ?, ?, 'client_secret_post,client_secret_basic', 'client_credentials', '', '', ?,
                            ?, ?)""");
                PreparedStatement system = admin.prepareStatement("""
                        insert into identity.system_client(client_id, agency_id, roles, created_by)
                        values (?, ?, ?, 'ketnoi-bench')""")) {
            official.setString(1, IMPORTER);
            official.setString(2, "Benchmark importer, Ministry of Public Security");
            official.setString(3, IMPORTER_AGENCY);
            official.setArray(4, admin.createArrayOf("text", new String[] {"REGISTRY_IMPORTER", "REGISTRY_OFFICIAL"}));
            // Cost 4, the least BCrypt allows: the one sign-in checks it once (and the server re-hashes it with
            // Argon2id then). The server's encoder knows no {noop}.
            official.setString(5, "{bcrypt}" + BCrypt.hashpw(password, BCrypt.gensalt(4)));
            official.setString(6, totpSecret);
            official.executeUpdate();
            client.setString(1, java.util.UUID.randomUUID().toString());
            client.setString(2, VERIFIER);
            client.setString(3, "{sha256}" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(clientSecret.getBytes(StandardCharsets.UTF_8))));
            client.setString(4, "Benchmark verifying system, Ministry of Health");
            client.setString(5, VERIFIER_SCOPE);
            client.setString(6, CLIENT_SETTINGS);
            client.setString(7, TOKEN_SETTINGS);
            client.executeUpdate();
            system.setString(1, VERIFIER);
            system.setString(2, VERIFIER_AGENCY);
            system.setArray(3, admin.createArrayOf("text", new String[] {"REGISTRY_VERIFIER"}));
            system.executeUpdate();
        } catch (SQLException | java.security.NoSuchAlgorithmException e) {
            throw new BenchmarkFailed("cannot create the benchmark accounts: " + e.getMessage(), e);
        }
    }

    /** Spring Authorization Server's JSON of a client's settings, as the server stores them for its agency systems. */
    static final String CLIENT_SETTINGS = "{\"@class\":\"java.util.Collections$UnmodifiableMap\","
            + "\"settings.client.require-proof-key\":true,\"settings.client.require-authorization-consent\":false}";
    /** ... and of its token settings: self-contained (JWT) access tokens of 5 minutes. */
    static final String TOKEN_SETTINGS = "{\"@class\":\"java.util.Collections$UnmodifiableMap\","
            + "\"settings.token.reuse-refresh-tokens\":true,"
            + "\"settings.token.x509-certificate-bound-access-tokens\":false,"
            + "\"settings.token.id-token-signature-algorithm\":"
            + "[\"org.springframework.security.oauth2.jose.jws.SignatureAlgorithm\",\"RS256\"],"
            + "\"settings.token.access-token-time-to-live\":[\"java.time.Duration\",\"PT5M\"],"
            + "\"settings.token.access-token-format\":{\"@class\":"
            + "\"org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat\","
            + "\"value\":\"self-contained\"},"
            + "\"settings.token.refresh-token-time-to-live\":[\"java.time.Duration\",\"PT1H\"],"
            + "\"settings.token.authorization-code-time-to-live\":[\"java.time.Duration\",\"PT5M\"],"
            + "\"settings.token.device-code-time-to-live\":[\"java.time.Duration\",\"PT5M\"]}";

    /**
     * Both tokens work before anything is timed: without a token the API refuses (401); with the official's, a
     * lookup of a number not yet in the registry answers 404, not 401; with the system's, the verifications (single
     * and batch) answer 200, and so does the floor's endpoint with the official's.
     */
    private void checkAccounts(int port, String official, String verifier, PopulationFile.Person someone) {
        String purpose = URLEncoder.encode(Lookups.PURPOSE, StandardCharsets.UTF_8);
        String base = "http://localhost:" + port + "/api/v1/population";
        int anonymousGet = status(HttpRequest.newBuilder(URI.create(base + "/citizens/" + someone.idNumber()
                + "?purpose=" + purpose)).GET().build());
        int anonymousVerify = status(HttpRequest.newBuilder(URI.create(base + "/verifications?purpose=" + purpose))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        if (anonymousGet != 401 || anonymousVerify != 401) {
            throw new BenchmarkFailed("the API does not refuse a request without a token: GET citizen answered "
                    + anonymousGet + ", POST verification " + anonymousVerify + " (expected 401)");
        }
        int get = status(HttpRequest.newBuilder(URI.create(base + "/citizens/" + someone.idNumber() + "?purpose="
                + purpose)).header("Authorization", official).GET().build());
        String body = "{\"idNumber\":\"" + someone.idNumber() + "\",\"fullName\":\"" + Lookups.json(someone.fullName())
                + "\",\"birthDate\":\"" + someone.birthDate() + "\"}";
        int verify = status(HttpRequest.newBuilder(URI.create(base + "/verifications?purpose=" + purpose))
                .header("Authorization", verifier).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        int batch = status(HttpRequest.newBuilder(URI.create(base + "/verifications/batch?purpose=" + purpose))
                .header("Authorization", verifier).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + body + "," + body + "]")).build());
        int floor = status(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/units/birth-registration-provinces/" + someone.idNumber().substring(0, 3)))
                .header("Authorization", official).GET().build());
        if (get != 404 || verify != 200 || batch != 200 || floor != 200) {
            throw new BenchmarkFailed("the benchmark's tokens do not work as expected: GET citizen answered " + get
                    + " (expected 404 on an empty registry), POST verification answered " + verify + ", the batch "
                    + batch + ", GET birth-registration province " + floor + " (expected 200)");
        }
    }

    private int status(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new BenchmarkFailed("the server did not answer " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailed("interrupted");
        }
    }

    /** The upload of the file, or with --stream of the generator's output as it is written (file is then null). */
    private PopulationResults.Import importFile(KetnoiServer server, int port, BearerSource official,
            PopulationFile.Generated file, PopulationStream stream, long rows, Path gcLog, Connection admin) {
        Database.execute(admin, "checkpoint");
        double busyBefore = quietMachine.await(text -> out.print("\r" + text));
        out.println();
        int gcLinesBefore = GcLog.lines(gcLog).size();
        // Its own HttpClient, so the upload has a fresh connection that nothing else (heap samples, account
        // checks) has used or shares a pool with.
        HttpClient importHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ImportClient client = new ImportClient(importHttp, port, official);
        HeapSampler heap = new HeapSampler(http, port).start();
        CpuSample cpuBefore = CpuSample.read();
        long serverCpuBefore = cpuMillis(server.handle());
        ImportClient.Outcome outcome;
        try (RateProgress progress = new RateProgress(out, "import", "rows", rows, System::nanoTime)
                .counting(stream != null ? stream.sampler()::rows
                        : () -> Math.round(client.bytesSent() / (double) file.bytes() * rows))) {
            progress.activity(() -> {
                long read = ImportClient.rowsReadInLog(server.log());
                return (stream != null ? "generator | POST /imports (rows piped)" : "POST /imports (rows by bytes sent)")
                        + (read > 0 ? String.format(Locale.ROOT, "; server log: %,d read", read) : "") + "; heap max "
                        + PopulationFile.mib(heap.maxBytes());
            });
            if (stream != null) {
                // Started inside the timed window: the generator's start-up and every byte it writes are in it.
                stream.start();
                outcome = client.send(stream::open, "population-" + options.count() + "-seed" + options.seed()
                        + "-stream.csv");
            } else {
                outcome = client.send(file.file(), file.file().getFileName().toString());
            }
        } finally {
            heap.close();
        }
        double busy = CpuSample.read().busyShareSince(cpuBefore);
        long serverCpu = cpuMillis(server.handle()) - serverCpuBefore;
        long rss = ProcMemory.of(List.of(server.handle())).rssKib();
        if (outcome.status() != 200 || outcome.accepted() < 0) {
            throw new BenchmarkFailed("the import answered HTTP " + outcome.status() + " after " + outcome.millis()
                    + " ms: " + abbreviate(outcome.body()) + "; the server's output is in " + server.log()
                    + server.tail());
        }
        if (outcome.rejected() > 0) {
            problems.add("the import rejected " + outcome.rejected() + " of " + rows + " rows of the generated file: "
                    + abbreviate(outcome.body()));
        }
        if (!server.isAlive()) {
            throw new BenchmarkFailed("the server died during the import; see " + server.log() + server.tail());
        }
        List<String> gcLines = GcLog.lines(gcLog);
        GcLog gc = GcLog.parse(gcLines.subList(Math.min(gcLinesBefore, gcLines.size()), gcLines.size()));
        long inTable = -1;
        if (options.copyPeer()) {
            // The COPY peer reads the whole table anyway; without it the count comes from VACUUM (see run).
            inTable = Database.queryLong(admin, "select count(*) from " + TABLE);
            if (inTable != outcome.accepted()) {
                problems.add("the server reported " + outcome.accepted() + " rows accepted but the table holds "
                        + inTable);
            }
        }
        out.printf(Locale.ROOT, "Imported %,d rows (%,d rejected) in %.1f s: %,.0f rows/s; heap max %s sampled%n",
                outcome.accepted(), outcome.rejected(), outcome.millis() / 1000.0,
                outcome.accepted() / (outcome.millis() / 1000.0), PopulationFile.mib(heap.maxBytes()));
        return new PopulationResults.Import(outcome, busyBefore, busy, serverCpu, heap.maxBytes(), heap.samples(),
                heap.failures(), gc, GcLog.NONE, rss, inTable, MAX_HEAP);
    }

    /** Copies the server jar; returns what identifies it: build time and SHA-256. */
    static String copyJar(Path jar, Path copy) {
        try {
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            try (java.io.InputStream in = Files.newInputStream(copy)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
            return "server/target/ketnoi-server.jar built " + Files.getLastModifiedTime(jar).toInstant()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", SHA-256 "
                    + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + "…";
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new BenchmarkFailed("cannot copy " + jar + " to " + copy + ": " + e.getMessage(), e);
        }
    }

    private static PopulationResults.Import withRowsInTable(PopulationResults.Import i, long rows) {
        return new PopulationResults.Import(i.outcome(), i.busyBefore(), i.machineBusy(), i.serverCpuMillis(),
                i.heapMaxBytes(), i.heapSamples(), i.heapFailures(), i.gc(), i.gcWholeRun(), i.serverRssKib(), rows,
                i.maxHeapFlag());
    }

    private void checkRows(PopulationFile.Sample sample, String source) {
        if (sample.rows() != options.count()) {
            problems.add(source + " had " + sample.rows() + " data rows, not " + options.count());
        }
    }

    private static PopulationResults.Import withWholeRunGc(PopulationResults.Import i, GcLog whole) {
        return new PopulationResults.Import(i.outcome(), i.busyBefore(), i.machineBusy(), i.serverCpuMillis(),
                i.heapMaxBytes(), i.heapSamples(), i.heapFailures(), i.gc(), whole, i.serverRssKib(), i.rowsInTable(),
                i.maxHeapFlag());
    }

    private static PopulationResults.Sizes sizes(Connection admin, long rows) {
        return new PopulationResults.Sizes(rows,
                Database.queryLong(admin, "select pg_relation_size('" + TABLE + "')"),
                Database.queryLong(admin, "select pg_indexes_size('" + TABLE + "')"),
                Database.queryLong(admin, "select pg_total_relation_size('" + TABLE + "')"),
                Database.queryLong(admin, "select pg_database_size(current_database())"));
    }

    /**
     * PostgreSQL's own COPY of exactly the imported rows: out to a file, TRUNCATE (the indexes
     * stay; no foreign key points at the table), then timed back in from the file, in the text
     * format the server's import sends, into the same table with the same indexes.
     */
    private PopulationResults.CopyPeer copyPeer(Connection admin, Connection monitor, Path copyDir, long rows,
            FileStore store) {
        Path file = copyDir.resolve("citizen.copy");
        try {
            // PostgreSQL runs in a user namespace ("nobody"); let it write here.
            Files.setPosixFilePermissions(copyDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot open " + copyDir + " to PostgreSQL: " + e.getMessage(), e);
        }
        String path = file.toAbsolutePath().toString().replace("'", "''");
        Database.Timed copyTo;
        try (RateProgress progress = new RateProgress(out, "COPY TO", "rows", rows, System::nanoTime)
                .counting(() -> Math.max(0, Database.copyProgress(monitor, TABLE)))) {
            progress.activity("COPY " + TABLE + " TO '" + layout.root().relativize(file) + "'");
            copyTo = Database.timed(admin, "copy " + TABLE + " to '" + path + "'");
        }
        long fileBytes = size(file);
        noteFree(store);
        Database.Timed truncate = Database.timed(admin, "truncate " + TABLE);
        Database.execute(admin, "checkpoint");
        double busyBefore = quietMachine.await(text -> out.print("\r" + text));
        out.println();
        CpuSample cpuBefore = CpuSample.read();
        Database.Timed copyFrom;
        try (RateProgress progress = new RateProgress(out, "COPY FROM", "rows", rows, System::nanoTime)
                .counting(() -> Math.max(0, Database.copyProgress(monitor, TABLE)))) {
            progress.activity("COPY " + TABLE + " FROM the file (same table, same indexes)");
            copyFrom = Database.timed(admin, "copy " + TABLE + " from '" + path + "'");
        }
        double busy = CpuSample.read().busyShareSince(cpuBefore);
        noteFree(store);
        if (copyFrom.rows() != rows) {
            problems.add("COPY FROM loaded " + copyFrom.rows() + " rows, not the " + rows + " imported");
        }
        out.printf(Locale.ROOT, "COPY FROM: %,d rows in %.1f s: %,.0f rows/s%n", copyFrom.rows(),
                copyFrom.millis() / 1000.0, copyFrom.rows() / (copyFrom.millis() / 1000.0));
        return new PopulationResults.CopyPeer("text", copyTo.millis(), copyTo.rows(), fileBytes, truncate.millis(),
                copyFrom.millis(), copyFrom.rows(), busyBefore, busy);
    }

    /** VACUUM (ANALYZE) after the bulk load, so autovacuum does not start in the middle of a lookup measurement. */
    private long vacuum(Connection admin, Connection monitor) {
        long blocks = Database.queryLong(admin, "select pg_relation_size('" + TABLE + "') / 8192");
        AtomicLong scanned = new AtomicLong();
        try (RateProgress progress = new RateProgress(out, "VACUUM", "blocks", blocks, System::nanoTime)
                .counting(() -> {
                    long now = vacuumProgress(monitor);
                    if (now > scanned.get()) {
                        scanned.set(now);
                    }
                    return scanned.get();
                })) {
            progress.activity("VACUUM (ANALYZE) " + TABLE + " before the lookups");
            // VACUUM and ANALYZE apart: VACUUM that read every page leaves the exact count of live rows
            // in reltuples, and ANALYZE then replaces it with an estimate from its sample (the 100 M
            // run of 2026-11-23 read that estimate, 99,994,424, as a count).
            long millis = Database.timed(admin, "vacuum " + TABLE).millis();
            liveRowsAfterVacuum = Database.queryLong(admin,
                    "select reltuples::bigint from pg_class where oid = '" + TABLE + "'::regclass");
            return millis + Database.timed(admin, "analyze " + TABLE).millis();
        }
    }

    private long liveRowsAfterVacuum = -1;

    private static long vacuumProgress(Connection monitor) {
        try {
            return Database.queryLong(monitor, "select coalesce(max(heap_blks_scanned), 0) from pg_stat_progress_vacuum");
        } catch (BenchmarkFailed e) {
            return 0;
        }
    }

    /**
     * Every workload at every concurrency, in turns (bare, floor, GET, verification, batch, search
     * for one concurrency, then the next), so drift on this shared machine touches all of them alike.
     * Each request is for random people of the sample: point lookups by key, never a scan, so a
     * table larger than RAM is read only where the sample points.
     */
    private List<LoadDriver.Run> lookups(Lookups lookups, KetnoiServer server) {
        double busyBefore = quietMachine.await(text -> out.print("\r" + text));
        out.println();
        if (busyBefore > QuietMachine.QUIET_SHARE) {
            problems.add(String.format(Locale.ROOT, "the machine was %.0f %% busy before the lookups", busyBefore * 100));
        }
        List<LoadDriver.Run> runs = new ArrayList<>();
        Duration each = options.warmup().plus(options.duration());
        long plannedSeconds = each.toSeconds() * Lookups.ALL.size() * options.concurrency().size();
        long start = System.nanoTime();
        try (RateProgress progress = new RateProgress(out, "lookups", "s", plannedSeconds, System::nanoTime)
                .counting(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))) {
            for (int c : options.concurrency()) {
                for (String workload : Lookups.ALL) {
                    LongAdder completed = new LongAdder();
                    long runStart = System.nanoTime();
                    AtomicLong lastCount = new AtomicLong();
                    AtomicLong lastAt = new AtomicLong(runStart);
                    progress.activity(() -> {
                        long now = System.nanoTime();
                        long count = completed.sum();
                        double rate = (count - lastCount.getAndSet(count)) / Math.max(1e-3,
                                (now - lastAt.getAndSet(now)) / 1e9);
                        String phase = now - runStart < options.warmup().toNanos() ? "warm-up" : "measuring";
                        return String.format(Locale.ROOT, "C=%d %s, %s: %,.0f req/s", c, workload, phase, rate);
                    });
                    int problemsBefore = ServerLog.problems(server.log()).size();
                    LoadDriver.Run run = LoadDriver.run(workload, c, options.warmup(), options.duration(),
                            lookups.clients(workload), workload.equals(Lookups.BARE) ? null : server.handle(),
                            completed, () -> {
                                String note = workload.equals(Lookups.SEARCH) ? lookups.searchNote() : "";
                                List<ServerLog.Entry> logged = ServerLog.problems(server.log());
                                if (logged.size() > problemsBefore) {
                                    note += (note.isEmpty() ? "" : "; ") + "the server logged "
                                            + (logged.size() - problemsBefore) + " error(s) or warning(s) meanwhile: "
                                            + ServerLog.summary(logged, problemsBefore);
                                }
                                return note;
                            });
                    runs.add(run);
                    if (!server.isAlive()) {
                        throw new BenchmarkFailed("the server died during the lookups; see " + server.log()
                                + server.tail());
                    }
                }
            }
        }
        for (LoadDriver.Run r : runs) {
            out.printf(Locale.ROOT, "  C=%-3d %-36s %,9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d%n",
                    r.concurrency(), r.workload(), r.rate(), r.p50(), r.p99(), r.errors());
        }
        return runs;
    }

    /** Errors and warnings the server logged: a figure measured beside an error is not a figure. */
    private void scanServerLog(Path log) {
        List<ServerLog.Entry> logged = ServerLog.problems(log);
        if (!logged.isEmpty()) {
            problems.add("the server logged " + logged.size() + " error(s) or warning(s) in the whole run, by root cause: "
                    + ServerLog.summary(logged, 0) + ". The first at " + abbreviate(logged.getFirst().line()));
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            if (lines.anyMatch(l -> l.contains("OutOfMemoryError"))) {
                problems.add("the server ran out of heap (OutOfMemoryError in its log)");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add("cannot read the server log " + log + ": " + e.getMessage());
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Refuses a run that would leave less than 20 GiB free, counting only what these options write:
     * the CSV (not with --stream, nor when it exists), the database and the COPY file (not with
     * --no-copy-peer). The refusal names the largest count that fits.
     */
    private void checkDisk(Path workRoot, long free) {
        boolean haveCsv = !options.stream()
                && Files.isRegularFile(PopulationFile.fileFor(layout, options.count(), options.seed()));
        DiskPlan plan = DiskPlan.of(options, haveCsv);
        if (!plan.fits(free)) {
            long largest = plan.largestCount(free);
            throw new BenchmarkFailed(String.format(Locale.ROOT,
                    "%,d citizens need about %,.1f GiB under %s (%s%s) and a run must leave %.0f GiB free, but only "
                            + "%,.1f GiB are free. The largest count that fits with these options is %,d: run --count %d%s",
                    options.count(), plan.needed() / 1073741824.0, workRoot, plan.parts(),
                    haveCsv ? "; the CSV exists" : "", DiskPlan.RESERVE_BYTES / 1073741824.0, free / 1073741824.0,
                    largest, largest, options.stream() && !options.copyPeer() ? ""
                            : " (--stream --no-copy-peer writes the least)"));
        }
        out.printf(Locale.ROOT, "Disk: about %,.1f GiB needed (%s), %,.1f GiB free%n", plan.needed() / 1073741824.0,
                plan.parts(), free / 1073741824.0);
    }

    private void noteFree(FileStore store) {
        freeLowest = Math.min(freeLowest, usable(store));
    }

    private static FileStore fileStore(Path path) {
        try {
            return Files.getFileStore(path);
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot find the file system of " + path, e);
        }
    }

    private static long usable(FileStore store) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long total(FileStore store) {
        try {
            return store.getTotalSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "…" : oneLine;
    }

    private String display(ServerLaunch launch, List<String> jvmFlags) {
        return "java " + String.join(" ", ServerLaunch.JVM_FLAGS) + " " + MAX_HEAP
                + " -Xlog:gc:file=<run folder>/gc.log -jar <copy of server/target/ketnoi-server.jar>"
                + " start --server.port=<free port> --ketnoi.data-dir=<run folder>/data " + String.join(" ", EXTRA_ARGUMENTS);
    }

    private String commandLine() {
        return ResultsFile.commandLine(options.arguments());
    }

    /** bench/results/population-<N>-<date>-<commit>.md; a second run on the same day and commit gets -2, -3... */
    private Path write(String report, PopulationResults results) {
        String base = "population-" + options.count() + "-" + results.started().toLocalDate() + "-"
                + results.git().shortHash();
        return ResultsFile.write(layout.resultsDir(), base, report);
    }

    private static Path createDirectories(Path dir) {
        return ResultsFile.createDirectories(dir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BenchmarkFailed("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
