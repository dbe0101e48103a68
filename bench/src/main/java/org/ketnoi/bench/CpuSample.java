package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU counters from the first line of /proc/stat, in clock ticks. Two samples give
 * how busy all cores were in between: on a shared machine that tells a slow start caused by
 * someone else's build from a slow start of our own.
 */
record CpuSample(long busyTicks, long totalTicks) {

    static final CpuSample UNKNOWN = new CpuSample(-1, -1);

    static CpuSample read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** "cpu user nice system idle iowait irq softirq steal ..."; idle and iowait are not busy. */
    static CpuSample parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new CpuSample(busy, busy + idle + iowait);
    }

    /** Share of all cores' time that was busy since {@code before}, 0..1, or NaN when unknown. */
    double busyShareSince(CpuSample before) {
        long total = totalTicks - before.totalTicks;
        if (before.totalTicks < 0 || totalTicks < 0 || total <= 0) {
            return Double.NaN;
        }
        return (double) (busyTicks - before.busyTicks) / total;
    }
}
