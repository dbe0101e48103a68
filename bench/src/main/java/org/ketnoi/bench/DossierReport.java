package org.ketnoi.bench;

import static org.ketnoi.bench.IdentityReport.fmt;
import static org.ketnoi.bench.IdentityReport.ms;
import static org.ketnoi.bench.IdentityReport.verdict;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The dossier results as Markdown: goals with their peers, then every point, then how it was measured. */
final class DossierReport {

    private final DossierResults r;
    private final StringBuilder md = new StringBuilder();

    DossierReport(DossierResults results) {
        this.r = results;
    }

    String markdown() {
        header();
        goals();
        submissions();
        completions();
        queue();
        pages();
        profiles();
        problems();
        method();
        return md.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void header() {
        DossierOptions o = r.options();
        line("# Dossier benchmark, " + r.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")));
        line();
        line("| | |");
        line("|---|---|");
        line(r.machine().headerRows("runs the server, bare Flowable and the benchmark"));
        line("| PostgreSQL (embedded, the server's own) | " + r.pgVersion() + " |");
        line("| Flowable (the server's, and the bare peer's) | " + r.flowableVersion() + " |");
        line("| Commit | " + r.git().describe() + " (the server jar: " + r.jarInfo() + ") |");
        line("| Date | " + r.started().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + ", took "
                + ProgressBar.clock(r.took().toMillis() / 1000.0) + " |");
        line("| Load average (1, 5, 15 min) before / after | " + r.loadBefore() + " / " + r.loadAfter() + " |");
        line("| Command | `" + r.command() + "` |");
        line("| Server started as | `" + r.serverCommand() + "` (healthy in " + fmt("%.1f s", r.healthyMillis()
                / 1000.0) + ") |");
        line("| Load: submissions, bare starts, accepts | closed loop in the benchmark's JVM: C clients on virtual "
                + "threads, one Java HttpClient (HTTP/1.1 keep-alive) for the API; the bare engine's threads call "
                + "Flowable directly |");
        line("| Load: queues and pages | `" + r.wrkVersion() + "`, `wrk -t1 -c<C> -d" + o.duration().toSeconds()
                + "s --timeout 10s -s <script>` after a " + o.warmup().toSeconds() + " s wrk warm-up run |");
        line("| Points | " + o.warmup().toSeconds() + " s warm-up + " + o.duration().toSeconds() + " s measured each; "
                + "submissions and bare starts at C=" + o.submitConcurrency() + " (taking turns, after "
                + o.warmup().multipliedBy(2).toSeconds() + " s of JIT warm-up each at the highest level); accepts at C="
                + o.completeConcurrency() + "; queues at C=" + o.queueConcurrency() + " with " + fmt("%,d",
                o.queueRows()) + " dossier rows; pages at C=" + o.pageConcurrency() + " |");
        line();
    }

    private void goals() {
        line("## Goals");
        line();
        line("| Goal | Ketnoi | Peer or limit, same run | Ratio | Verdict |");
        line("|---|---|---|---|---|");
        DossierResults.Point best = r.bestSubmission();
        DossierResults.Point bare = r.bestBare();
        if (best != null) {
            line("| Dossier submissions (`POST /api/v1/dossiers`, each starting its BPMN process, durable before the "
                    + "answer) sustain ≥ " + fmt("%,.0f", DossierResults.SUBMIT_GOAL) + "/s | " + point(best)
                    + " | goal " + fmt("%,.0f/s", DossierResults.SUBMIT_GOAL) + "; Camunda 7 plans for 100–500 process "
                    + "instances/s on a 4-core notebook | " + fmt("%.2f", best.rate() / DossierResults.SUBMIT_GOAL)
                    + " | " + verdict(best.rate() >= DossierResults.SUBMIT_GOAL && best.errors() == 0) + " |");
            if (bare != null) {
                line("| Our overhead: submissions as a share of bare Flowable starts of the same process (best of each) "
                        + "| " + fmt("%,.0f/s", best.rate()) + " at C=" + best.concurrency() + " | bare Flowable: "
                        + point(bare) + " | " + fmt("%.2f", best.rate() / bare.rate()) + " | measured (no goal) |");
            }
        }
        DossierResults.Point accepts = DossierResults.best(r.completions());
        if (accepts != null) {
            line("| Task completions through the officials' API (the clerk's accept: reception → appraisal) | "
                    + point(accepts) + " | no figure set in the issue | – | measured (no goal) |");
        }
        if (r.queue() != null) {
            for (DossierResults.Point p : r.queue().points()) {
                line("| Queue p99 < " + fmt("%.0f", DossierResults.QUEUE_P99_MS) + " ms with " + fmt("%,d",
                        r.queue().totalRows()) + " dossiers: " + p.workload() + ", C=" + p.concurrency() + " | p99 "
                        + ms(p.p99()) + " (p50 " + ms(p.p50()) + ", " + fmt("%,.0f/s", p.rate()) + ", " + fmt("%,d",
                        p.answers()) + " answers, " + p.errors() + " errors) | " + fmt("%.0f ms",
                        DossierResults.QUEUE_P99_MS) + " | " + fmt("%.2f", p.p99() / DossierResults.QUEUE_P99_MS)
                        + " | " + verdict(p.p99() < DossierResults.QUEUE_P99_MS && p.errors() == 0 && p.answers() > 0)
                        + " |");
            }
        }
        DossierResults.Point floor = DossierResults.best(pagePoints(DossierBenchmark.FLOOR));
        for (String page : List.of(DossierBenchmark.CATALOGUE, DossierBenchmark.PROCEDURE, DossierBenchmark.TRACK)) {
            DossierResults.Point p = DossierResults.best(pagePoints(page));
            if (p == null) {
                continue;
            }
            line("| Page views ≥ " + fmt("%,.0f", DossierResults.PAGES_GOAL) + "/s on one node: " + page + " | "
                    + point(p) + " | goal " + fmt("%,.0f/s", DossierResults.PAGES_GOAL) + (floor == null ? ""
                    : "; HTTP floor (" + DossierBenchmark.FLOOR_PATH + "): " + fmt("%,.0f/s", floor.rate()) + " at C="
                    + floor.concurrency()) + " | " + fmt("%.2f", p.rate() / DossierResults.PAGES_GOAL) + " | "
                    + verdict(p.rate() >= DossierResults.PAGES_GOAL && p.errors() == 0) + " |");
        }
        line();
        line("Each rate goal is judged on the concurrency level with the highest rate and no errors (the best "
                + "*sustainable* rate); all levels are in the tables below. The bare Flowable peer and the HTTP floor "
                + "were measured in the same run, on the same machine, right after or before the figure beside them.");
        line();
    }

    private List<DossierResults.Point> pagePoints(String workload) {
        return r.pages().stream().filter(p -> p.workload().equals(workload)).toList();
    }

    private void submissions() {
        if (r.submissions().isEmpty()) {
            return;
        }
        line("## 1. Submissions beside bare Flowable");
        line();
        line("**Ketnoi**: `POST /api/v1/dossiers` by the demo citizen `" + DossierForms.DEMO_CITIZEN.idNumber()
                + "` with a bearer token from the server's own provider (authorization code flow with PKCE, password "
                + "sign-in): the birth registration (" + DossierForms.PROCEDURE + ") with a full form (applicant, child, "
                + "father, mother) and the birth notice uploaded once before (a one-page PDF), each with a new "
                + "`submissionKey` and its registering commune picked at random among the " + fmt("%,d", r.communes())
                + " communes of `agency.commune`, so the daily code sequences of " + fmt("%,d", r.communes())
                + " People's Committees share the load. The server validates the form against the procedure's JSON "
                + "Schema, checks the attachment, starts the `one-stop` process, takes the next code of that commune's "
                + "day, writes the dossier, its attachment and timeline rows, the mail and inbox notices and commits "
                + "(`synchronous_commit=on`, fsync on) before it answers 201.");
        line();
        line("**Bare Flowable**: the same `one-stop.bpmn20.xml` deployed in a Flowable " + r.flowableVersion()
                + " engine of its own in the benchmark's JVM, on the same PostgreSQL (a database of its own, "
                + "`" + BareFlowable.DATABASE + "`), history level `activity`, strong UUIDs, async executor on, "
                + BareFlowable.POOL + " pooled connections (the server has 20): `runtimeService.createProcessInstanceBuilder()"
                + ".processDefinitionKey(\"one-stop\").businessKey(<uuid>).start()` from the same number of threads. "
                + "Each start runs to the reception task and commits; nothing else.");
        line();
        line("| C | workload | per second | p50 | p99 | max | answers | errors | ÷ bare, same C | server JVM CPU each "
                + "| PostgreSQL CPU each | load's CPU each (bench JVM) | both cores busy | busy before |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (DossierResults.Point p : r.submissions()) {
            DossierResults.Point bare = r.bareAt(p.concurrency());
            String ratio = p.workload().equals(DossierResults.KETNOI_SUBMIT) && bare != null && bare.rate() > 0
                    ? fmt("%.2f", p.rate() / bare.rate()) : "1";
            if (!p.workload().equals(DossierResults.KETNOI_SUBMIT)) {
                ratio = "1";
            }
            line(row(p, ratio));
        }
        line();
        errors(r.submissions());
        line("The bare engine runs inside the benchmark's JVM, so for its rows the load's CPU is the engine's and its "
                + "threads'; for Ketnoi's rows it is the HTTP clients'. PostgreSQL's CPU is all its processes' (the "
                + "server's and the bare engine's connections). CPU shares are of both cores.");
        line();
    }

    private void completions() {
        if (r.completions().isEmpty()) {
            return;
        }
        line("## 2. Task completions through the officials' API");
        line();
        line("The one-stop clerk `" + DossierBenchmark.CLERK + "` (agency `" + DossierBenchmark.CLERK_AGENCY
                + "`, commune " + DossierBenchmark.CLERK_COMMUNE + ", roles one-stop clerk and registry official) with a "
                + "bearer token from the authorization code flow (password and TOTP) accepts dossiers: `POST "
                + "/api/v1/desk/dossiers/{code}/accept` with `{\"version\": 0}`. Clerks see only their own commune's "
                + "dossiers, so before each point the benchmark submits a pool of birth registrations to commune "
                + DossierBenchmark.CLERK_COMMUNE + " through the API (16 at a time; not timed), then the clients take "
                + "codes from the pool. Each accept locks the dossier row, checks its version and stage, picks the "
                + "least loaded specialist, computes the appointment date in working days, completes the reception "
                + "task (the process moves to appraisal), writes the dossier, its timeline, the notices and the audit "
                + "entry, and commits.");
        line();
        line("| C | workload | per second | p50 | p99 | max | answers | errors | server JVM CPU each | PostgreSQL CPU "
                + "each | load's CPU each | both cores busy | busy before |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (DossierResults.Point p : r.completions()) {
            line(rowNoRatio(p));
        }
        line();
        for (String note : r.completionNotes()) {
            line("- " + note);
        }
        line();
        errors(r.completions());
    }

    private void queue() {
        DossierResults.Queue q = r.queue();
        if (q == null) {
            return;
        }
        DossierRows rows = q.rows();
        line("## 3. Queue pages with " + fmt("%,d", q.totalRows()) + " dossiers");
        line();
        line("| The table | |");
        line("|---|---|");
        line("| Rows inserted with SQL | " + fmt("%,d", rows.rows()) + " in " + fmt("%.1f s", q.insertMillis() / 1000.0)
                + " (" + fmt("%,.0f rows/s", q.insertRate()) + "), `INSERT … SELECT … FROM generate_series` in "
                + "statements of " + fmt("%,d", DossierBenchmark.INSERT_CHUNK) + " rows; then `VACUUM (ANALYZE)` in "
                + fmt("%.1f s", q.vacuumMillis() / 1000.0) + " |");
        line("| Rows in `dossier.dossier` | " + fmt("%,d", q.totalRows()) + " (with the submissions of parts 1 and 2) |");
        line("| Open (stage not null) | " + fmt("%,d", q.openRows()) + "; of the inserted: " + fmt("%,d", rows.open())
                + " (" + fmt("%.1f %%", 100.0 * rows.open() / rows.rows()) + "), spread over every commune's People's "
                + "Committee: reception " + DossierRows.RECEPTION + " %, payment " + DossierRows.PAYMENT
                + " %, appraisal " + DossierRows.APPRAISAL + " %, approval " + DossierRows.APPROVAL
                + " %, return of the result " + DossierRows.RETURN_RESULT + " % |");
        line("| Finished | the rest: stage null, status 10 (94 %), 3 refused, 7 withdrawn, 8 stopped; submitted over "
                + "the last two years |");
        line("| The clerk's agency `" + DossierBenchmark.CLERK_AGENCY + "` | " + fmt("%,d", rows.deskOpen())
                + " open inserted rows; " + fmt("%,d", q.clerkOpen()) + " open in the clerk's stages (reception, "
                + "payment, return) when measured |");
        line("| Due dates of open dossiers past reception | " + DossierRows.LATE + " % late (up to 3 days), "
                + DossierRows.NEARLY_DUE + " % due within about 10 hours, the rest 5–25 days ahead |");
        line("| The clerk's queue counted | " + q.counts() + " |");
        line("| Size | table " + mib(q.tableBytes()) + ", indexes " + mib(q.indexBytes()) + " |");
        line();
        line("The queue API (`GET /api/v1/desk/queue?page=0…" + (DossierBenchmark.QUEUE_PAGES - 1) + "`, bearer token) "
                + "and the desk page (`GET /desk?page=1…" + DossierBenchmark.QUEUE_PAGES + "`, the portal session "
                + "cookie of the clerk's sign-in: provider password and TOTP, then the portal's OpenID Connect "
                + "sign-in) take the first " + DossierBenchmark.QUEUE_PAGES + " pages of 50 in turn. Each answer counts "
                + "the agency's open dossiers in the clerk's stages by due state and reads one page of them, soonest "
                + "due first. An answer counts when it is 200 (and, for the page, is not the sign-in page).");
        line();
        line("| C | workload | per second | p50 | p99 | max | answers | errors | server JVM CPU each | PostgreSQL CPU "
                + "each | wrk CPU each | both cores busy | busy before |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (DossierResults.Point p : q.points()) {
            line(rowNoRatio(p));
        }
        line();
        errors(q.points());
    }

    private void pages() {
        if (r.pages().isEmpty()) {
            return;
        }
        line("## 4. Portal page views, without sign-in");
        line();
        line("Anonymous `GET`s with `Accept: text/html` and `Accept-Language: vi`, wrk keep-alive connections: the "
                + "catalogue (`/procedures`), one procedure (`/procedures/" + DossierForms.PROCEDURE + "`), and the "
                + "public status lookup (`/track?code=<code>&digits=<last 4 of " + DossierForms.DEMO_CITIZEN.idNumber()
                + ">`) taking in turn up to " + DossierBenchmark.TRACK_CODES + " real codes of this run's submissions. "
                + "A page counts when it is 200 (for the lookup, without an error summary). The floor is `GET "
                + DossierBenchmark.FLOOR_PATH + "`: Tomcat, the same security filter chain and Spring's static "
                + "resource handler, no controller, template or SQL. Pages the server keeps rendered (the platform's "
                + "`RenderedPages`: a catalogue page until the catalogue changes, a lookup page until its dossier "
                + "changes) skip the template, not the security filters nor the lookup's SQL, and can be served "
                + "faster than the static file: every code here is looked up again and again, so after its first "
                + "view a lookup is answered from the kept page.");
        line();
        line("| C | workload | per second | ÷ floor, same C | p50 | p99 | max | answers | errors | server JVM CPU "
                + "each | PostgreSQL CPU each | wrk CPU each | both cores busy | busy before |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (DossierResults.Point p : r.pages()) {
            DossierResults.Point floor = r.pages().stream().filter(f -> f.workload().equals(DossierBenchmark.FLOOR)
                    && f.concurrency() == p.concurrency()).findFirst().orElse(null);
            String ratio = floor == null || floor.rate() <= 0 ? "–" : fmt("%.2f", p.rate() / floor.rate());
            line("| " + p.concurrency() + " | " + p.workload() + " | " + fmt("%,.0f", p.rate()) + " | " + ratio + " | "
                    + ms(p.p50()) + " | " + ms(p.p99()) + " | " + ms(p.max()) + " | " + fmt("%,d", p.answers())
                    + " | " + p.errorSummary() + " | " + cpuEach(p.serverCpuMillis(), p) + " | "
                    + cpuEach(p.postgresCpuMillis(), p) + " | " + cpuEach(p.clientCpuMillis(), p) + " | "
                    + pct(p.machineBusy()) + " | " + pct(p.busyBefore()) + " |");
        }
        line();
        errors(r.pages());
    }

    private void profiles() {
        if (r.profiles().isEmpty()) {
            return;
        }
        line("## Where the server's time goes (JDK Flight Recorder)");
        line();
        line("Recorded in the server with JFR's `default` settings (a Java stack sampled every 20 ms per running "
                + "thread, about 1 % overhead), started and stopped with jcmd outside the measured windows, and read "
                + "with `jfr view hot-methods`, which counts samples by the method on top of the stack. Work outside "
                + "Java code (the garbage collector, PostgreSQL, the kernel) is not in these samples; its CPU is in the "
                + "tables above. The recordings stay in the run folder (`jfr view <view> <file>` shows more).");
        line();
        for (Jfr.Profile p : r.profiles()) {
            line("**" + p.what() + "** (the top rows hold " + fmt("%,d", p.samples()) + " samples)");
            line();
            line("| method on top of the stack | samples | share |");
            line("|---|---|---|");
            p.top().stream().limit(12).forEach(h -> line("| `" + IdentityReport.shortMethod(h.method()) + "` | "
                    + fmt("%,d", h.samples()) + " | " + fmt("%.1f %%", h.percent()) + " |"));
            line();
        }
    }

    private void problems() {
        line("## Problems seen");
        line();
        if (r.problems().isEmpty()) {
            line("None.");
        } else {
            for (String p : r.problems()) {
                line("- " + p);
            }
        }
        line();
    }

    private void method() {
        DossierOptions o = r.options();
        line("## How it was measured");
        line();
        line("1. **Server.** A copy of the server jar on a fresh data directory and a free port, with the launcher's "
                + "JVM flags and a GC log, the demo population off (`--ketnoi.demo.population=0`; the demo accounts "
                + "are still created). The citizen's and the clerk's passwords and the clerk's TOTP secret come from "
                + "`<data dir>/demo-accounts.properties`. Both get bearer tokens from the server's own provider "
                + "through the authorization code flow with PKCE on the native client `ketnoi-cli`, renewed in the "
                + "background before they expire. One PDF is uploaded (`POST /api/v1/uploads`, multipart `file`) and "
                + "one submission to commune " + DossierBenchmark.CLERK_COMMUNE + " must answer 201 before anything is "
                + "timed.");
        line("2. **Submissions and bare starts** take turns at each level of " + o.submitConcurrency() + ": a wait "
                + "(up to " + o.quietWait().toSeconds() + " s) for a machine under 30 % busy, " + o.warmup().toSeconds()
                + " s warm-up, " + o.duration().toSeconds() + " s measured. Every latency of a correct answer started "
                + "in the window is kept, so p50 and p99 are exact (nearest rank); a submission counts when the answer "
                + "is 201 with a code; a bare start when Flowable returns an instance id.");
        line("3. **Accepts** at each level of " + o.completeConcurrency() + ", each after its pool of at least "
                + fmt("%,d", o.completePool()) + " dossiers (more when the last level's rate needs more: "
                + DossierBenchmark.POOL_MARGIN + " × rate × (warm-up + window)) was submitted; same warm-up and "
                + "window. An accept counts when the answer is 200.");
        line("4. **Queues.** " + fmt("%,d", o.queueRows()) + " rows (open share " + o.openShare() + ", "
                + fmt("%,d", o.deskOpen()) + " open for the clerk's agency) inserted with SQL on the server's "
                + "PostgreSQL (see `DossierRows`: which rows are open is a permutation of the row numbers, so the "
                + "counts are exact and the open rows spread through the table), `VACUUM (ANALYZE)`, then wrk at "
                + "each level of " + o.queueConcurrency() + " on the API and on the page, " + o.warmup().toSeconds()
                + " s warm-up run + " + o.duration().toSeconds() + " s measured each.");
        line("5. **Pages** with wrk at each level of " + o.pageConcurrency() + ", the floor first at each level, "
                + "same warm-up and window; each page is fetched once before (a page that does not answer 200 is "
                + "reported under Problems and not measured). wrk's latency percentiles come from its own histogram.");
        line();
        line("Machine CPU figures come from `/proc/stat` (all cores, all processes); the server JVM's, PostgreSQL's and "
                + "wrk's from their processes' CPU time. The machine is shared and has 2 cores: the load generators run "
                + "on it too, and compare each figure with its peer from the same run rather than with other days.");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void errors(List<DossierResults.Point> points) {
        Set<String> seen = new LinkedHashSet<>();
        points.stream().filter(p -> !p.firstError().isEmpty()).sorted(Comparator.comparingInt(
                DossierResults.Point::concurrency)).forEach(p -> {
                    if (seen.add(p.workload() + p.firstError())) {
                        line("- First wrong answer of " + p.workload() + " at C=" + p.concurrency() + ": `"
                                + p.firstError().replace("`", "'") + "`");
                    }
                });
        if (!seen.isEmpty()) {
            line();
        }
    }

    private static String point(DossierResults.Point p) {
        return fmt("%,.0f/s", p.rate()) + " at C=" + p.concurrency() + " (p50 " + ms(p.p50()) + ", p99 " + ms(p.p99())
                + ", " + p.errors() + " errors)";
    }

    private static String row(DossierResults.Point p, String ratio) {
        return "| " + p.concurrency() + " | " + p.workload() + " | " + fmt("%,.0f", p.rate()) + " | " + ms(p.p50())
                + " | " + ms(p.p99()) + " | " + ms(p.max()) + " | " + fmt("%,d", p.answers()) + " | "
                + p.errorSummary() + " | " + ratio + " | " + cpuEach(p.serverCpuMillis(), p) + " | "
                + cpuEach(p.postgresCpuMillis(), p) + " | " + cpuEach(p.clientCpuMillis(), p) + " | "
                + pct(p.machineBusy()) + " | " + pct(p.busyBefore()) + " |";
    }

    private static String rowNoRatio(DossierResults.Point p) {
        return "| " + p.concurrency() + " | " + p.workload() + " | " + fmt("%,.0f", p.rate()) + " | " + ms(p.p50())
                + " | " + ms(p.p99()) + " | " + ms(p.max()) + " | " + fmt("%,d", p.answers()) + " | "
                + p.errorSummary() + " | " + cpuEach(p.serverCpuMillis(), p) + " | "
                + cpuEach(p.postgresCpuMillis(), p) + " | " + cpuEach(p.clientCpuMillis(), p) + " | "
                + pct(p.machineBusy()) + " | " + pct(p.busyBefore()) + " |";
    }

    private static String cpuEach(long millis, DossierResults.Point p) {
        double each = p.perAnswer(millis);
        return Double.isNaN(each) ? "–" : ms(each);
    }

    private static String pct(double share) {
        return Double.isNaN(share) || share < 0 ? "–" : fmt("%.0f %%", share * 100);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "–" : fmt("%,.0f MiB", bytes / 1048576.0);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}
