package org.ketnoi.bench;

/**
 * The peers and limits of one repetition, measured between the server runs so they see the
 * same machine load.
 *
 * @param postgresStartMillis {@code pg_ctl start -w} of the cluster the server just used
 * @param postgresStopMillis {@code pg_ctl stop -m fast -w} of it
 * @param postgresAlone PostgreSQL's processes, idle with no client, after the same settle time
 * @param initdbMillis initdb of a new cluster
 * @param jvmFloorMillis {@code java -version} with the server's flags
 */
record PeerRun(int run, long postgresStartMillis, long postgresStopMillis, Memory postgresAlone, long initdbMillis,
        long jvmFloorMillis) {
}
