package org.ketnoi.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything one run of the dossier benchmark measured, for the report.
 *
 * @param submissions Ketnoi's submissions and the bare Flowable starts, taking turns at each concurrency
 * @param completions the clerk's accepts at each concurrency; empty when that part did not run
 * @param queue the queue pages with the inserted rows; null when that part did not run
 * @param pages the portal's pages and the HTTP floor at each concurrency
 * @param profiles the server's JDK Flight Recorder recordings over the submission, queue and page points
 * @param problems what went wrong or looked doubtful during the run
 */
record DossierResults(ZonedDateTime started, Duration took, MachineInfo machine, String loadBefore, String loadAfter,
        GitRevision git, String jarInfo, String command, String serverCommand, String wrkVersion, String pgVersion,
        String flowableVersion, DossierOptions options, long healthyMillis, int communes, List<Point> submissions,
        List<Point> completions, List<String> completionNotes, Queue queue, List<Point> pages,
        List<Jfr.Profile> profiles, KetnoiServer.Shutdown shutdown, List<String> problems) {

    static final String KETNOI_SUBMIT = "Ketnoi: POST /api/v1/dossiers";
    static final String BARE_START = "bare Flowable: start the one-stop process";
    static final String ACCEPT = "POST /api/v1/desk/dossiers/{code}/accept";
    static final String QUEUE_API = "GET /api/v1/desk/queue (bearer)";
    static final String DESK_PAGE = "GET /desk (page session)";
    static final double SUBMIT_GOAL = 500;
    static final double QUEUE_P99_MS = 200;
    static final double PAGES_GOAL = 2_000;

    /**
     * One measured point, from the load driver in this JVM or from wrk.
     *
     * @param client "JVM" (closed loop on virtual threads in this benchmark) or "wrk"
     * @param busyBefore share of all cores busy in the second before it started
     * @param machineBusy share of all cores busy during the window (all processes), NaN when unknown
     * @param serverCpuMillis server JVM CPU time in the window, -1 when not measured
     * @param postgresCpuMillis PostgreSQL's processes' CPU time in the window, -1 when not measured
     * @param clientCpuMillis the load's own CPU time in the window (this JVM, or wrk), -1 when not measured
     * @param errorKinds errors by kind, most frequent first
     * @param firstError the first wrong answer in full (status and the start of its body), or ""
     */
    record Point(String workload, int concurrency, String client, double windowSeconds, long answers, long errors,
            double p50, double p99, double max, double busyBefore, double machineBusy, long serverCpuMillis,
            long postgresCpuMillis, long clientCpuMillis, Map<String, Long> errorKinds, String firstError) {

        double rate() {
            return windowSeconds <= 0 ? Double.NaN : answers / windowSeconds;
        }

        /** CPU time per correct answer in milliseconds, NaN when unknown or nothing was answered. */
        double perAnswer(long cpuMillis) {
            return cpuMillis < 0 || answers == 0 ? Double.NaN : cpuMillis / (double) answers;
        }

        String errorSummary() {
            if (errors == 0) {
                return "0";
            }
            return errors + " (" + errorKinds.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue())
                    .collect(Collectors.joining(", ")) + ")";
        }

        static Point of(LoadDriver.Run run, double busyBefore, String firstError) {
            return new Point(run.workload(), run.concurrency(), "JVM", run.windowNanos() / 1e9, run.latencies().count(),
                    run.errors(), run.p50(), run.p99(), run.latencies().maxMillis(), busyBefore, run.machineBusy(),
                    run.serverCpuMillis(), run.otherCpuMillis(), run.driverCpuMillis(), run.errorKinds(),
                    firstError == null ? "" : firstError);
        }

        static Point of(String workload, int concurrency, Wrk.Result r, double busyBefore, double machineBusy,
                long serverCpuMillis, long postgresCpuMillis, long wrkCpuMillis) {
            Map<String, Long> kinds = new java.util.LinkedHashMap<>();
            if (r.socketErrors() > 0) {
                kinds.put("socket errors and timeouts", r.socketErrors());
            }
            if (Math.max(r.statusErrors(), r.bad()) > 0) {
                kinds.put("wrong answers", Math.max(r.statusErrors(), r.bad()));
            }
            if (r.stalled() > 0) {
                kinds.put(LoadDriver.STALLED, r.stalled());
            }
            return new Point(workload, concurrency, "wrk", r.durationMicros() / 1e6, r.good(), r.errors(),
                    r.p50Millis(), r.p99Millis(), r.maxMicros() / 1000, busyBefore, machineBusy, serverCpuMillis,
                    postgresCpuMillis, wrkCpuMillis, kinds, r.firstError());
        }
    }

    /**
     * The queue part: the rows inserted, how long that took, the resulting sizes and the points.
     *
     * @param clerkOpen open dossiers of the clerk's agency in the clerk's stages when measured
     * @param counts what the clerk's queue counted (total, on time, nearly due, late), as the API answered
     * @param explain the plan of the queue's page query for the clerk, from EXPLAIN (ANALYZE, BUFFERS)
     */
    record Queue(DossierRows rows, long insertMillis, long vacuumMillis, long tableBytes, long indexBytes,
            long totalRows, long openRows, long clerkOpen, String counts, String explain, List<Point> points) {

        double insertRate() {
            return rows.rows() / Math.max(1e-3, insertMillis / 1000.0);
        }
    }

    /** The best Ketnoi submission point with no errors (the sustainable rate), or the best of all when none. */
    Point bestSubmission() {
        return best(submissions.stream().filter(p -> p.workload().equals(KETNOI_SUBMIT)).toList());
    }

    Point bestBare() {
        return best(submissions.stream().filter(p -> p.workload().equals(BARE_START)).toList());
    }

    /** The bare point at the same concurrency as a Ketnoi point, or null. */
    Point bareAt(int concurrency) {
        return submissions.stream().filter(p -> p.workload().equals(BARE_START) && p.concurrency() == concurrency)
                .findFirst().orElse(null);
    }

    static Point best(List<Point> points) {
        List<Point> clean = points.stream().filter(p -> p.errors() == 0).toList();
        return (clean.isEmpty() ? points : clean).stream().max(java.util.Comparator.comparingDouble(Point::rate))
                .orElse(null);
    }
}
