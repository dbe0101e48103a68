package org.ketnoi.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything one population benchmark measured, for {@link PopulationReport}. With --no-copy-peer,
 * {@code copy} and {@code afterCopy} are null and {@code earlierCopy} names where the ratio was
 * measured (null if no earlier results file has it).
 */
record PopulationResults(ZonedDateTime started, Duration elapsed, MachineInfo machine, String loadBefore,
        String loadAfter, GitRevision git, String serverJar, String command, String serverCommand, String generatorCommand,
        PopulationOptions options, String postgresVersion, Disk disk, Generation generation, long healthyMillis,
        Import imported, Sizes afterImport, CopyPeer copy, Sizes afterCopy, EarlierCopyRatio earlierCopy,
        long vacuumMillis, List<LoadDriver.Run> lookups, KetnoiServer.Shutdown shutdown, List<String> problems) {

    /**
     * @param filesystem where bench/target lives
     * @param freeBefore free bytes before the run
     * @param freeLowest the least free space seen (after the load, with the COPY file present)
     * @param freeAfter free bytes after the clean-up
     */
    record Disk(String filesystem, long totalBytes, long freeBefore, long freeLowest, long freeAfter) {
    }

    /**
     * @param file the CSV, relative to the repository, or where the pipe was
     * @param bytes of CSV, in the file or through the pipe
     * @param generatedMillis -1 when an existing file was reused; with --stream, the generator's start to its exit,
     *     at the same time as the import
     * @param rows data rows in the file
     * @param sampled persons in the lookup sample
     * @param streamed piped into the import (--stream), never on disk
     * @param cpuMillis the generator's CPU time, -1 when not measured (only with --stream)
     * @param peakRssKib the generator's peak resident memory, -1 when not measured (only with --stream)
     */
    record Generation(String file, long bytes, long generatedMillis, long rows, int sampled, boolean streamed,
            long cpuMillis, long peakRssKib) {
    }

    /**
     * @param busyBefore the machine's busy share just before the import
     * @param machineBusy the machine's busy share during the import
     * @param serverCpuMillis CPU time of the server JVM during the import
     * @param heapMaxBytes largest of the once-a-second samples of the heap in use
     * @param gc the GC log's lines written during the import
     * @param gcWholeRun the GC log of the whole server run
     * @param serverRssKib resident memory of the server JVM at the end of the import
     * @param rowsInTable count(*) after the import; with --no-copy-peer, reltuples after VACUUM (exact, as VACUUM
     *     read every page), so the table is not read once more
     */
    record Import(ImportClient.Outcome outcome, double busyBefore, double machineBusy, long serverCpuMillis,
            long heapMaxBytes, int heapSamples, int heapFailures, GcLog gc, GcLog gcWholeRun, long serverRssKib,
            long rowsInTable, String maxHeapFlag) {

        double rowsPerSecond() {
            return outcome.accepted() / (outcome.millis() / 1000.0);
        }
    }

    /** pg_relation_size, pg_indexes_size and pg_total_relation_size of population.citizen. */
    record Sizes(long rows, long tableBytes, long indexBytes, long totalBytes, long databaseBytes) {

        double bytesPerCitizen() {
            return rows == 0 ? Double.NaN : totalBytes / (double) rows;
        }
    }

    /**
     * @param copyToMillis COPY population.citizen TO the file
     * @param fileBytes the COPY file's size
     * @param truncateMillis TRUNCATE population.citizen (indexes stay)
     * @param copyFromMillis COPY population.citizen FROM the file, autocommit (one transaction)
     * @param copyFromRows rows COPY reported
     * @param busyBefore busy share before the COPY FROM
     * @param machineBusy busy share during the COPY FROM
     */
    record CopyPeer(String format, long copyToMillis, long copyToRows, long fileBytes, long truncateMillis,
            long copyFromMillis, long copyFromRows, double busyBefore, double machineBusy) {

        double rowsPerSecond() {
            return copyFromRows / (copyFromMillis / 1000.0);
        }
    }
}
