package org.ketnoi.bench;

import java.util.Arrays;

/**
 * Every latency of one measurement, in nanoseconds, sorted. HdrHistogram is not in the build and
 * a few hundred thousand longs are a few megabytes, so the exact values are kept and the
 * percentiles are exact (nearest rank).
 */
final class Latencies {

    private final long[] sorted;

    private Latencies(long[] sorted) {
        this.sorted = sorted;
    }

    static Latencies of(long[] values, int count) {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    static Latencies merge(java.util.List<long[]> parts, java.util.List<Integer> counts) {
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, all, at, counts.get(i));
            at += counts.get(i);
        }
        Arrays.sort(all);
        return new Latencies(all);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest rank: the smallest value with at least {@code p} of all values at or below it; NaN when empty. */
    double percentileMillis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    double meanMillis() {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return sum / sorted.length / 1e6;
    }

    /** A growable long[] for one client thread: no boxing, no locking. */
    static final class Recorder {
        long[] values = new long[1 << 14];
        int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = nanos;
        }
    }
}
