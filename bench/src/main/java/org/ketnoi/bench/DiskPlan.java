package org.ketnoi.bench;

import java.util.Locale;

/**
 * The disk a population run needs, counting only what the chosen options write: the CSV (not with
 * --stream, nor when the file exists), the database, and the COPY peer's file (not with
 * --no-copy-peer). Issue 3: a run must leave at least 20 GB free; one that would not is refused
 * with the largest count that fits.
 *
 * @param csv the run writes the CSV
 * @param copyFile the run writes the COPY peer's file
 */
record DiskPlan(long count, boolean csv, boolean copyFile) {

    /** Measured at 10 million (bench/results/population-10000000-2026-11-23-20145aa.md): 220 B/citizen. */
    static final long CSV_BYTES_PER_CITIZEN = 230;
    /** Table + indexes measured at 432 B/citizen; the database as a whole adds the catalog and the access log. */
    static final long DB_BYTES_PER_CITIZEN = 440;
    /** The COPY text file of the same rows, measured at 352 B/citizen. */
    static final long COPY_BYTES_PER_CITIZEN = 360;
    /**
     * pg_wal during a bulk load: max_wal_size is PostgreSQL's default 1 GB, which a load overshoots
     * between checkpoints, plus the logs of the run. Fixed, not per citizen: WAL is recycled.
     */
    static final long WAL_BYTES = 3L * 1024 * 1024 * 1024;
    /** What a run must leave free (issue 3: 20 GB, read as GiB, the stricter). */
    static final long RESERVE_BYTES = 20L * 1024 * 1024 * 1024;

    static DiskPlan of(PopulationOptions options, boolean csvExists) {
        return new DiskPlan(options.count(), !options.stream() && !csvExists, options.copyPeer());
    }

    long bytesPerCitizen() {
        return DB_BYTES_PER_CITIZEN + (csv ? CSV_BYTES_PER_CITIZEN : 0) + (copyFile ? COPY_BYTES_PER_CITIZEN : 0);
    }

    /** Bytes the run writes at its fullest. */
    long needed() {
        return count * bytesPerCitizen() + WAL_BYTES;
    }

    boolean fits(long freeBytes) {
        return needed() + RESERVE_BYTES <= freeBytes;
    }

    /** The largest count with the same options that leaves the reserve free, rounded down to a round number. */
    long largestCount(long freeBytes) {
        return largestCount(freeBytes, bytesPerCitizen());
    }

    static long largestCount(long freeBytes, double bytesPerCitizen) {
        double spare = freeBytes - RESERVE_BYTES - WAL_BYTES;
        if (spare <= 0) {
            return 0;
        }
        long n = (long) Math.floor(spare / bytesPerCitizen);
        long step = n >= 10_000_000 ? 1_000_000 : n >= 1_000_000 ? 100_000 : n >= 10_000 ? 1_000 : 1;
        return n / step * step;
    }

    /** What the run writes, for the refusal message and the report. */
    String parts() {
        return String.format(Locale.ROOT, "%d B/citizen for the database%s%s, plus %.0f GiB for WAL",
                DB_BYTES_PER_CITIZEN, csv ? ", " + CSV_BYTES_PER_CITIZEN + " for the CSV" : "",
                copyFile ? ", " + COPY_BYTES_PER_CITIZEN + " for the COPY file" : "", WAL_BYTES / 1073741824.0);
    }
}
