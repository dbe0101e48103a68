package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/**
 * CPU time from /proc: of processes that run (the server JVM, PostgreSQL's backends), and of this
 * JVM's children that have exited and been waited for (wrk, jcmd): the kernel adds those to the
 * parent's cutime and cstime when it reaps them, and wrk is gone by the time we could read it.
 */
final class ProcCpu {

    /** USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux this runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** CPU time of the processes, in milliseconds; one that exits meanwhile is not counted. */
    static long millis(Collection<ProcessHandle> processes) {
        long total = 0;
        for (ProcessHandle process : processes) {
            total += process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        }
        return total;
    }

    /** User plus system time of this JVM's waited-for children, in milliseconds, or -1. */
    static long waitedChildrenMillis() {
        try {
            return waitedChildrenMillis(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** From a /proc/<pid>/stat line: fields 16 and 17 (cutime, cstime), counted from the state after the comm. */
    static long waitedChildrenMillis(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        long cutime = Long.parseLong(f[16 - 3]);
        long cstime = Long.parseLong(f[17 - 3]);
        return (cutime + cstime) * 1000 / TICKS_PER_SECOND;
    }
}
