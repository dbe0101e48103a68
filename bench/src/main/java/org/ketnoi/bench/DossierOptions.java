package org.ketnoi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@code ./ketnoi bench dossier}.
 *
 * @param duration each measured point
 * @param warmup before each point, not recorded
 * @param submitConcurrency clients submitting dossiers (and threads starting bare Flowable processes), one point each
 * @param completeConcurrency clerks' clients accepting dossiers, one point each
 * @param completePool the fewest dossiers submitted to the clerk's commune before a completion point; more when the
 *     previous point's rate says the point needs more
 * @param queueRows dossier rows inserted with SQL before the queue pages are measured
 * @param openShare share of those rows still open (at reception, payment, appraisal, approval or return)
 * @param deskOpen of the open rows, how many belong to the clerk's own agency {@code 000.04.XA.H01}
 * @param queueConcurrency clients of the queue API and the desk page, one point each
 * @param pageConcurrency wrk connections for the portal's pages, one point each
 * @param parts which of the four parts run (submit, complete, queue, pages)
 * @param quietWait longest wait for a quiet machine before each point; 0 does not wait
 * @param keepData keep the server's data directory
 * @param profile record the server with JDK Flight Recorder over the submission, queue and page points
 * @param arguments as given, for the "command" line of the results
 */
record DossierOptions(Duration duration, Duration warmup, List<Integer> submitConcurrency,
        List<Integer> completeConcurrency, int completePool, long queueRows, double openShare, int deskOpen,
        List<Integer> queueConcurrency, List<Integer> pageConcurrency, Set<String> parts, Duration quietWait,
        boolean keepData, boolean profile, List<String> arguments) {

    static final String NAME = "dossier";
    static final List<String> ALL_PARTS = List.of("submit", "complete", "queue", "pages");
    static final long MAX_ROWS = 100_000_000;

    static final String USAGE = """
            usage: ./ketnoi bench dossier [--duration 20s] [--warmup 5s] [--submit-concurrency 8,16,32,64]
                                          [--complete-concurrency 8,16,32] [--complete-pool 4000]
                                          [--queue-rows 1M] [--open-share 0.05] [--desk-open 3000]
                                          [--queue-concurrency 4,16] [--page-concurrency 16,32,64]
                                          [--parts submit,complete,queue,pages] [--quiet-wait 1m] [--no-profile] [--keep-data]
              --duration D               each measured point (default 20s)
              --warmup D                 warm-up before each point, not recorded (default 5s)
              --submit-concurrency C     clients submitting dossiers, and threads starting bare Flowable
                                         processes; each level is a point (default 8,16,32,64)
              --complete-concurrency C   clerk's clients accepting dossiers (default 8,16,32)
              --complete-pool N          the fewest dossiers submitted to the clerk's commune before each
                                         completion point (default 4,000; more when the last point's rate
                                         says so)
              --queue-rows N             dossier rows inserted with SQL for the queue pages (default 1M)
              --open-share F             share of those rows still open (default 0.05)
              --desk-open N              open rows of the clerk's agency 000.04.XA.H01 (default 3,000)
              --queue-concurrency C      clients of the queue API and the desk page (default 4,16)
              --page-concurrency C       wrk connections for the portal's pages (default 16,32,64)
              --parts P                  which parts run, of submit, complete, queue, pages (default all)
              --quiet-wait D             longest wait before each point for the machine to be under 30 %
                                         busy (default 1m; 0 does not wait)
              --no-profile               no JDK Flight Recorder in the server (by default it records the
                                         submission, queue and page points with its default settings)
              --keep-data                keep the server's data directory afterwards""";

    static DossierOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        List<Integer> submit = List.of(8, 16, 32, 64);
        List<Integer> complete = List.of(8, 16, 32);
        int pool = 4_000;
        long rows = 1_000_000;
        double openShare = 0.05;
        int deskOpen = 3_000;
        List<Integer> queue = List.of(4, 16);
        List<Integer> pages = List.of(16, 32, 64);
        Set<String> parts = Set.copyOf(ALL_PARTS);
        Duration quietWait = Duration.ofMinutes(1);
        boolean keepData = false;
        boolean profile = true;
        for (Arguments.Option o : Arguments.read(NAME, Set.of("--keep-data", "--no-profile"), args)) {
            switch (o.name()) {
                case "--keep-data" -> keepData = true;
                case "--no-profile" -> profile = false;
                case "--duration" -> duration = o.duration();
                case "--warmup" -> warmup = o.nonNegativeDuration();
                case "--submit-concurrency" -> submit = o.levels();
                case "--complete-concurrency" -> complete = o.levels();
                case "--complete-pool" -> pool = (int) Math.min(1_000_000,
                        o.positiveCount());
                case "--queue-rows" -> {
                    rows = o.positiveCount();
                    if (rows > MAX_ROWS) {
                        throw new IllegalArgumentException(o.name() + " must be at most " + MAX_ROWS + ", not " + rows);
                    }
                }
                case "--open-share" -> openShare = share(o.value(), o.name());
                case "--desk-open" -> deskOpen = (int) Math.min(Integer.MAX_VALUE, o.positiveCount());
                case "--queue-concurrency" -> queue = o.levels();
                case "--page-concurrency" -> pages = o.levels();
                case "--parts" -> parts = parts(o.value(), o.name());
                case "--quiet-wait" -> quietWait = o.nonNegativeDuration();
                default -> throw o.unknown();
            }
        }
        if (deskOpen > rows * openShare) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--desk-open (%d) cannot exceed the open rows (--queue-rows × --open-share = %.0f)", deskOpen,
                    rows * openShare));
        }
        return new DossierOptions(duration, warmup, submit, complete, pool, rows, openShare, deskOpen, queue, pages,
                parts, quietWait, keepData, profile, List.of(args));
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    private static double share(String value, String option) {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number between 0 and 1, such as 0.05, not '" + value
                    + "'");
        }
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(option + " must be above 0 and at most 1, not " + value);
        }
        return v;
    }

    private static Set<String> parts(String value, String option) {
        List<String> chosen = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (!ALL_PARTS.contains(p)) {
                throw new IllegalArgumentException(option + " takes " + String.join(", ", ALL_PARTS) + ", not '" + part
                        + "'");
            }
            chosen.add(p);
        }
        return Set.copyOf(chosen);
    }

}
