package org.ketnoi.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/** Everything one start-up benchmark measured, and on what. */
record StartupResults(ZonedDateTime started, Duration elapsed, MachineInfo machine, String loadBefore,
        String loadAfter, GitRevision git, String command, String serverCommand, String postgresPeer,
        String jvmFloor, Duration settle, List<ServerRun> servers, List<PeerRun> peers) {

    List<ServerRun> servers(ServerRun.DataDir dataDir) {
        return servers.stream().filter(s -> s.dataDir() == dataDir).toList();
    }
}
