package org.ketnoi.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Everything one identity benchmark run measured, for {@link IdentityReport}. */
record IdentityResults(ZonedDateTime started, Duration elapsed, MachineInfo machine, String loadBefore,
        String loadAfter, GitRevision git, String serverJar, String command, String serverCommand, String hashCommand,
        String wrkVersion, IdentityOptions options, String postgresVersion, long healthyMillis,
        HashRate.Result hashBefore, HashRate.Result hashAfter, HashRate.Result hashInlined, List<SigninPoint> signins, List<TokenPoint> tokens,
        Sessions sessions, List<Jfr.Profile> profiles, KetnoiServer.Shutdown shutdown, List<String> problems) {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String REFRESH_TOKEN = "refresh_token";
    /** What the profiles are of (Jfr.Profile.what). */
    static final String PROFILE_HASH_BEFORE = "bare hash JVM before the sign-ins";
    static final String PROFILE_HASH_AFTER = "bare hash JVM after the sign-ins";
    static final String PROFILE_HASH_INLINED = "bare hash JVM with Argon2 inlined";
    static final String PROFILE_SIGNINS = "server during the sign-in points";

    static String tokenProfile(String grant) {
        return "server during the " + grant + " points";
    }

    /**
     * Password sign-ins at one concurrency (Java HttpClient on virtual threads).
     *
     * @param run the load driver's measurement (server JVM CPU and PostgreSQL CPU over the window)
     * @param busyBefore share of all cores busy in the second before the point
     * @param gc the server's collections during the warm-up and the window
     * @param rssAfter the server JVM's resident memory at the end of the point
     */
    record SigninPoint(LoadDriver.Run run, double busyBefore, GcLog gc, Duration gcSpan, Memory rssAfter) {
    }

    /**
     * One token grant at one concurrency (wrk).
     *
     * @param extra measured by the search for the highest concurrency with p99 under 50 ms, not asked for
     * @param machineBusy share of all cores busy in the window, every process
     * @param serverCpuMillis the server JVM's CPU in the window
     * @param postgresCpuMillis PostgreSQL's processes' CPU in the window
     * @param wrkCpuMillis wrk's CPU (user + system), from this JVM's waited-for children
     * @param walBytes WAL written in the window (pg_current_wal_lsn before and after)
     */
    record TokenPoint(String grant, int concurrency, boolean extra, Wrk.Result result, double busyBefore,
            double machineBusy, long serverCpuMillis, long postgresCpuMillis, long wrkCpuMillis, long walBytes,
            GcLog gc) {

        double windowSeconds() {
            return result.durationMicros() / 1e6;
        }

        double perGood(double total) {
            return result.good() == 0 ? Double.NaN : total / result.good();
        }
    }

    /** Rows written to one table, from pg_stat_user_tables. */
    record TableWrites(String table, long inserted, long updated, long deleted) {

        long total() {
            return inserted + updated + deleted;
        }
    }

    /**
     * One step of the sessions part, done once per browser.
     *
     * @param name what each browser did
     * @param done browsers for which it went right
     * @param errors browsers for which it did not, by kind
     * @param millis from the first to the last
     * @param latencies of the ones that went right
     * @param walBytes WAL written meanwhile, after a CHECKPOINT just before the step
     * @param walFullPageImages full-page images among it (pg_stat_wal.wal_fpi)
     * @param walFpiBytes bytes of those images (pg_walinspect), -1 when unknown
     * @param walRecordBytes bytes of the records without their images (pg_walinspect), -1 when unknown
     * @param writes rows written per table meanwhile (pg_stat_user_tables, read after the statistics were flushed)
     */
    record Step(String name, int concurrency, long done, Map<String, Long> errors, long millis, Latencies latencies,
            long walBytes, long walFullPageImages, long walFpiBytes, long walRecordBytes, List<TableWrites> writes) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double rate() {
            return millis <= 0 ? Double.NaN : done / (millis / 1000.0);
        }

        long rowsWritten() {
            return writes.stream().mapToLong(TableWrites::total).sum();
        }
    }

    /** One kind of session attribute: how many sessions hold it and its average size. */
    record Attribute(String name, long sessions, double averageBytes) {
    }

    /**
     * The sessions part: N browsers each sign in at the provider, complete the portal's sign-in and
     * view /account once; the server's live heap before and after, and the session tables' size.
     */
    record Sessions(int browsers, List<Step> steps, long sessionsBefore, long sessionsAfter, long tableBytesBefore,
            long tableBytesAfter, long tupleBytesOfNew, long newSessions, List<Attribute> attributes,
            ClassHistogram heapBefore, ClassHistogram heapAfter, List<ClassHistogram.Growth> grown, Memory rssBefore,
            Memory rssAfter) {

        long addedSessions() {
            return sessionsAfter - sessionsBefore;
        }

        double tableBytesPerSession() {
            return addedSessions() <= 0 ? Double.NaN : (tableBytesAfter - tableBytesBefore) / (double) addedSessions();
        }

        double tupleBytesPerSession() {
            return newSessions <= 0 ? Double.NaN : tupleBytesOfNew / (double) newSessions;
        }

        double heapBytesPerSession() {
            return browsers <= 0 ? Double.NaN : (heapAfter.totalBytes() - heapBefore.totalBytes()) / (double) browsers;
        }
    }
}
