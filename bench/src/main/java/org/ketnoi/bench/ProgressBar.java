package org.ketnoi.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One terminal line, redrawn with \r: runs done out of the total, elapsed time, rate and an
 * estimate of the time left, then what is happening now. A start-up benchmark takes minutes, and
 * a silent terminal for minutes looks like a hang.
 */
final class ProgressBar implements AutoCloseable {

    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final int total;
    private final LongSupplier nanoClock;
    private final long startedAt;
    private final ScheduledExecutorService ticker;
    private int done;
    private String activity = "";
    private int lastLength;

    ProgressBar(PrintStream out, int total, LongSupplier nanoClock) {
        this.out = out;
        this.total = total;
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
        // Redrawn every second as well, so the elapsed time moves while a server starts.
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void activity(String text) {
        activity = text;
        redraw();
    }

    synchronized void runDone() {
        done++;
        redraw();
    }

    synchronized void redraw() {
        String line = fit(line(done, total, nanoClock.getAsLong() - startedAt, activity), width());
        int padding = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(padding));
        out.flush();
        lastLength = line.length();
    }

    /** The text of the line; separate so it can be checked without a terminal. */
    static String line(int done, int total, long elapsedNanos, String activity) {
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        double elapsedSeconds = elapsedNanos / 1e9;
        String rate = done == 0 ? "-" : String.format(Locale.ROOT, "%.1f", done / (elapsedSeconds / 60));
        // The average run so far times the runs left: rough, since runs differ in length.
        String left = done == 0 ? "estimating" : "~" + clock(elapsedSeconds / done * (total - done)) + " left";
        return String.format(Locale.ROOT, "[%s%s] %d/%d runs  %s elapsed  %s runs/min  %s  %s",
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), done, total, clock(elapsedSeconds), rate, left,
                activity);
    }

    /** A line longer than the terminal wraps, and \r then redraws only its last part. */
    static String fit(String line, int width) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
    }

    private static int width() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim()) - 1;
        } catch (NumberFormatException e) {
            return 119;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** Stops redrawing and leaves the cursor on a fresh line. */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        activity = "done";
        redraw();
        out.println();
    }
}
