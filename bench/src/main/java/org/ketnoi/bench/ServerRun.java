package org.ketnoi.bench;

/**
 * One server start: launch to healthy, memory after settling, SIGTERM to stopped.
 *
 * @param run the repetition, from 1
 * @param dataDir fresh (empty folder: new cluster, migrations, reference data) or existing
 * @param port the HTTP port it was given
 * @param busyBefore share of all cores busy in the second before launch (see QuietMachine)
 * @param healthyMillis launch to the first health UP
 * @param jvmCpuMillis CPU time (user + system) the server JVM used from launch to healthy, or -1
 * @param machineBusy share of both cores busy (all processes) from launch to healthy, or NaN
 * @param jvm the server JVM alone
 * @param postgres the cluster's postmaster and all its children
 */
record ServerRun(int run, DataDir dataDir, int port, double busyBefore, long healthyMillis, long jvmCpuMillis,
        double machineBusy, Memory jvm, Memory postgres,
        KetnoiServer.Shutdown shutdown) {

    enum DataDir {
        FRESH("fresh"), EXISTING("existing");

        final String label;

        DataDir(String label) {
            this.label = label;
        }
    }

    Memory total() {
        return jvm.plus(postgres);
    }
}
