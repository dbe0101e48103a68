package org.ketnoi.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Waits, up to a limit, until the machine is mostly idle before a measurement starts. These
 * machines are shared (a colleague's test run takes both cores for minutes), and a start that
 * competes for 2 cores measures the other job as much as ours. Whatever competition remains
 * shows in the report's "others' CPU" figures.
 */
final class QuietMachine {

    /** Below this share of all cores busy (over one second) the machine counts as quiet. */
    static final double QUIET_SHARE = 0.30;

    private final Duration maxWait;

    QuietMachine(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Returns the busy share of the last second sampled, quiet or not once the limit is reached. */
    double await(Consumer<String> status) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            CpuSample before = CpuSample.read();
            KetnoiServer.sleepNanos(Duration.ofSeconds(1).toNanos());
            double busy = CpuSample.read().busyShareSince(before);
            if (Double.isNaN(busy) || busy <= QUIET_SHARE || System.nanoTime() > deadline) {
                return busy;
            }
            status.accept(String.format(Locale.ROOT, "waiting for a quiet machine (%.0f %% busy; up to %d s)",
                    busy * 100, maxWait.toSeconds()));
        }
    }
}
