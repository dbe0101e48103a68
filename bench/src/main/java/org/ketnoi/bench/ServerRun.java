package org.ketnoi.bench;

/**
 * One server start: launch to healthy, memory after settling, SIGTERM to stopped.
 *
 * @param run the repetition, from 1
 * @param dataDir fresh (empty folder: new cluster, migrations, reference data) or existing
 * @param port the HTTP port it was given
 * @param healthyMillis launch to the first health UP
 * @param jvm the server JVM alone
 * @param postgres the cluster's postmaster and all its children
 */
record ServerRun(int run, DataDir dataDir, int port, long healthyMillis, Memory jvm, Memory postgres,
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
