package org.ketnoi.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One terminal line for a long phase counted in units (rows, seconds): done out of the total, the
 * elapsed time, the rate and the time left at that rate, then what is happening now. Redrawn
 * every second by its own thread, and whenever the count or the activity changes.
 */
final class RateProgress implements AutoCloseable {

    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final String phase;
    private final String unit;
    private final long total;
    private final LongSupplier nanoClock;
    private final long startedAt;
    private final ScheduledExecutorService ticker;
    private volatile LongSupplier done = () -> 0;
    private volatile java.util.function.Supplier<String> activity = () -> "";
    private int lastLength;
    private boolean closed;

    RateProgress(PrintStream out, String phase, String unit, long total, LongSupplier nanoClock) {
        this.out = out;
        this.phase = phase;
        this.unit = unit;
        this.total = total;
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress-" + phase);
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }

    /** Where the count comes from; read at every redraw. */
    RateProgress counting(LongSupplier source) {
        this.done = source;
        redraw();
        return this;
    }

    void activity(String text) {
        activity = () -> text;
        redraw();
    }

    /** An activity that changes by itself (a live rate, say); read at every redraw. */
    void activity(java.util.function.Supplier<String> source) {
        activity = source;
        redraw();
    }

    long elapsedNanos() {
        return nanoClock.getAsLong() - startedAt;
    }

    synchronized void redraw() {
        if (closed) {
            return;
        }
        String line = ProgressBar.fit(line(phase, Math.min(done.getAsLong(), total), total, unit, elapsedNanos(),
                activity.get()), width());
        int padding = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(padding));
        out.flush();
        lastLength = line.length();
    }

    /** The text of the line; separate so it can be checked without a terminal. */
    static String line(String phase, long done, long total, String unit, long elapsedNanos, String activity) {
        int filled = total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = done <= 0 || rate <= 0 ? "estimating" : "~" + ProgressBar.clock((total - done) / rate) + " left";
        int percent = total <= 0 ? 100 : (int) (100 * done / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,d/%,d %s  %s elapsed  %,.0f %s/s  %s  %s", phase,
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), percent, done, total, unit,
                ProgressBar.clock(seconds), rate, unit, left, activity).stripTrailing();
    }

    private static int width() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "140").trim()) - 1;
        } catch (NumberFormatException e) {
            return 139;
        }
    }

    /** Stops redrawing and leaves the cursor on a fresh line. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        ticker.shutdownNow();
        redraw();
        closed = true;
        out.println();
    }
}
