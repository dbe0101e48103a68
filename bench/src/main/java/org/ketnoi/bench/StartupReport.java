package org.ketnoi.bench;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The start-up results as Markdown: machine, goals, medians, peers, then every raw figure. */
final class StartupReport {

    /** Goal from the issue: healthy within 15 s on an existing data directory. */
    static final double HEALTHY_GOAL_SECONDS = 15;
    /** Goal from the issue: under 1 GB resident. Read strictly, as 10^9 bytes (953.7 MiB). */
    static final double MEMORY_GOAL_MIB = 1e9 / (1024 * 1024);

    private final StartupResults r;
    private final StringBuilder md = new StringBuilder();

    StartupReport(StartupResults results) {
        this.r = results;
    }

    String markdown() {
        List<ServerRun> fresh = r.servers(ServerRun.DataDir.FRESH);
        List<ServerRun> existing = r.servers(ServerRun.DataDir.EXISTING);
        header();
        goals(existing);
        summary(fresh, existing);
        peers(fresh, existing);
        rawServers();
        rawPeers();
        notes();
        return md.toString();
    }

    private void header() {
        MachineInfo m = r.machine();
        line("# Start-up benchmark, " + r.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")));
        line();
        line("| | |");
        line("|---|---|");
        line(m.headerRows("runs the server and the benchmark"));
        line("| Commit | " + r.git().describe() + " |");
        line("| Date | " + r.started().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + ", took "
                + ProgressBar.clock(r.elapsed().toMillis() / 1000.0) + " |");
        line("| Load average (1, 5, 15 min) before / after | " + r.loadBefore() + " / " + r.loadAfter() + " |");
        line("| Command | `" + r.command() + "` |");
        line("| Server started as | `" + r.serverCommand() + "` |");
        line("| Runs | " + r.peers().size() + " (each: fresh data dir, same dir again, PostgreSQL alone, initdb, JVM floor) |");
        line();
    }

    private void goals(List<ServerRun> existing) {
        Stats healthy = seconds(existing, ServerRun::healthyMillis);
        Stats pss = Stats.of(r.servers(), s -> s.total().pssMib());
        Stats rss = Stats.of(r.servers(), s -> s.total().rssMib());
        line("## Goals");
        line();
        line("| Goal | Measured | Verdict |");
        line("|---|---|---|");
        line("| Healthy within 15 s on an existing data directory (2-core machine) | median " + sec(healthy.median())
                + ", slowest " + sec(healthy.max()) + " | " + verdict(healthy.median() <= HEALTHY_GOAL_SECONDS) + " |");
        line("| Under 1 GB resident, JVM + PostgreSQL (PSS: shared pages counted once) | worst run "
                + mib(pss.max()) + ", median " + mib(pss.median()) + " (limit " + mib(MEMORY_GOAL_MIB) + ") | "
                + verdict(!pss.isEmpty() && pss.max() < MEMORY_GOAL_MIB) + " |");
        line("| Same, upper bound: JVM VmRSS + sum of every postgres VmRSS | worst run " + mib(rss.max())
                + ", median " + mib(rss.median()) + " | " + verdict(rss.max() < MEMORY_GOAL_MIB) + " |");
        line();
        line("The time goal is judged on the median; memory on the worst run, fresh or existing, after a "
                + r.settle().toSeconds() + " s settle.");
        line();
    }

    private void summary(List<ServerRun> fresh, List<ServerRun> existing) {
        line("## Ketnoi server: medians (min–max)");
        line();
        line("| Measure | Fresh data directory | Existing data directory |");
        line("|---|---|---|");
        row("Launch to health UP", fresh, existing, s -> s.healthyMillis() / 1000.0, "%.2f s");
        row("CPU time of the server JVM until healthy", fresh, existing,
                s -> s.jvmCpuMillis() < 0 ? Double.NaN : s.jvmCpuMillis() / 1000.0, "%.2f s");
        row("Machine CPU busy during the start (all processes, all cores)", fresh, existing,
                s -> s.machineBusy() * 100, "%.0f %%");
        row("CPU time of everything else meanwhile (PostgreSQL, other jobs)", fresh, existing,
                s -> otherCpuSeconds(s), "%.2f s");
        row("SIGTERM to JVM and PostgreSQL gone", fresh, existing, s -> s.shutdown().millis() / 1000.0, "%.2f s");
        row("JVM resident (VmRSS)", fresh, existing, s -> s.jvm().rssMib(), "%.0f MiB");
        row("PostgreSQL PSS (all its processes)", fresh, existing, s -> s.postgres().pssMib(), "%.0f MiB");
        row("PostgreSQL VmRSS summed over processes", fresh, existing, s -> s.postgres().rssMib(), "%.0f MiB");
        row("PostgreSQL processes", fresh, existing, s -> s.postgres().processes(), "%.0f");
        row("Total PSS, JVM + PostgreSQL", fresh, existing, s -> s.total().pssMib(), "%.0f MiB");
        line();
    }

    private void peers(List<ServerRun> fresh, List<ServerRun> existing) {
        Stats pgStart = seconds(r.peers(), PeerRun::postgresStartMillis);
        Stats pgStop = seconds(r.peers(), PeerRun::postgresStopMillis);
        Stats initdb = seconds(r.peers(), PeerRun::initdbMillis);
        Stats floor = seconds(r.peers(), PeerRun::jvmFloorMillis);
        Stats alonePss = Stats.of(r.peers(), p -> p.postgresAlone().pssMib());
        Stats aloneRss = Stats.of(r.peers(), p -> p.postgresAlone().rssMib());
        Stats existingHealthy = seconds(existing, ServerRun::healthyMillis);
        Stats freshHealthy = seconds(fresh, ServerRun::healthyMillis);
        Stats shutdown = seconds(existing, s -> s.shutdown().millis());
        Stats serverPgPss = Stats.of(existing, s -> s.postgres().pssMib());
        double startFloor = pgStart.median() + floor.median();

        line("## Peers and limits, measured in the same runs");
        line();
        line("| Peer or limit | Median (min–max) | Ketnoi, existing data dir (median) | Ratio or gap |");
        line("|---|---|---|---|");
        line("| PostgreSQL alone: `pg_ctl start -w`, same cluster and settings | " + range(pgStart, "%.2f s")
                + " | time to healthy " + sec(existingHealthy.median()) + " | "
                + fmt("%.1f×", existingHealthy.median() / pgStart.median()) + " |");
        line("| JVM floor: `" + r.jvmFloor() + "` | " + range(floor, "%.2f s") + " | time to healthy "
                + sec(existingHealthy.median()) + " | " + fmt("%.1f×", existingHealthy.median() / floor.median()) + " |");
        line("| Floor of a start: PostgreSQL start + JVM floor | " + sec(startFloor) + " | time to healthy "
                + sec(existingHealthy.median()) + " | " + sec(existingHealthy.median() - startFloor)
                + " above the floor: the application's own start-up |");
        line("| PostgreSQL alone: `pg_ctl stop -m fast -w` | " + range(pgStop, "%.2f s") + " | shutdown "
                + sec(shutdown.median()) + " | " + fmt("%.1f×", shutdown.median() / pgStop.median()) + " |");
        line("| PostgreSQL alone, idle, no client: PSS | " + range(alonePss, "%.0f MiB") + " | PostgreSQL PSS "
                + mib(serverPgPss.median()) + " | " + fmt("%.1f×", serverPgPss.median() / alonePss.median()) + " |");
        line("| PostgreSQL alone, idle: VmRSS summed | " + range(aloneRss, "%.0f MiB") + " | | |");
        line("| PostgreSQL `initdb` of a new cluster | " + range(initdb, "%.2f s") + " | fresh minus existing "
                + "time to healthy: " + sec(freshHealthy.median() - existingHealthy.median()) + " | |");
        line();
        line("PostgreSQL binaries: `" + r.postgresPeer() + "`.");
        line();
    }

    private void rawServers() {
        line("## Every server run (raw)");
        line();
        line("| Run | Data dir | Busy before % | Launch to healthy ms | JVM CPU ms | Machine busy % | Others' CPU ms "
                + "| JVM VmRSS KiB | JVM PSS KiB | PG processes | PG VmRSS sum KiB "
                + "| PG PSS KiB | Shutdown ms | of which JVM exit ms | Exit code | Clean stop |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (ServerRun s : r.servers()) {
            line("| " + s.run() + " | " + s.dataDir().label + " | " + fmt("%.0f", s.busyBefore() * 100) + " | "
                    + s.healthyMillis() + " | "
                    + (s.jvmCpuMillis() < 0 ? "n/a" : s.jvmCpuMillis()) + " | " + fmt("%.0f", s.machineBusy() * 100)
                    + " | " + fmt("%.0f", otherCpuSeconds(s) * 1000) + " | " + s.jvm().rssKib()
                    + " | " + kib(s.jvm().pssKib()) + " | " + s.postgres().processes() + " | " + s.postgres().rssKib()
                    + " | " + kib(s.postgres().pssKib()) + " | " + s.shutdown().millis() + " | "
                    + s.shutdown().jvmExitMillis() + " | " + s.shutdown().exitCode() + " | "
                    + (s.shutdown().clean() ? "yes" : "NO") + " |");
        }
        line();
    }

    private void rawPeers() {
        line("## Every peer run (raw)");
        line();
        line("| Run | pg_ctl start ms | pg_ctl stop ms | PG alone processes | PG alone VmRSS sum KiB | PG alone PSS KiB "
                + "| initdb ms | java -version ms |");
        line("|---|---|---|---|---|---|---|---|");
        for (PeerRun p : r.peers()) {
            line("| " + p.run() + " | " + p.postgresStartMillis() + " | " + p.postgresStopMillis() + " | "
                    + p.postgresAlone().processes() + " | " + p.postgresAlone().rssKib() + " | "
                    + kib(p.postgresAlone().pssKib()) + " | " + p.initdbMillis() + " | " + p.jvmFloorMillis() + " |");
        }
        line();
    }

    private void notes() {
        line("## How it was measured");
        line();
        line("- Each run starts the server on a new empty data directory (new cluster, migrations, reference data),"
                + " stops it, and starts it again on the same directory. Time runs from just before the process is"
                + " launched to the first `GET /actuator/health` answering 200 with a top-level `\"status\":\"UP\"`,"
                + " polled every 50 ms (so figures are good to about 50 ms).");
        line("- Memory is read " + r.settle().toSeconds() + " s after healthy from `/proc/<pid>/status` (VmRSS) and"
                + " `/proc/<pid>/smaps_rollup` (Pss). PostgreSQL's processes are the cluster's postmaster (from"
                + " `postmaster.pid`) and its children: pg_ctl detaches the postmaster, so it is not a descendant"
                + " of the JVM. Summing VmRSS counts shared buffers and the binary once per process; PSS splits"
                + " shared pages between processes, so the PSS sum is what PostgreSQL costs the machine.");
        line("- Shutdown is SIGTERM (`Process.destroy`) until the JVM has exited and the postmaster is gone; a clean"
                + " stop also leaves no `postmaster.pid`.");
        line("- Before each server start and each PostgreSQL-alone start the benchmark waits (up to "
                + StartupBenchmark.QUIET_WAIT.toSeconds() + " s) until the machine is under "
                + fmt("%.0f", QuietMachine.QUIET_SHARE * 100) + " % busy over one second; \"busy before\" is the"
                + " share it saw just before the launch.");
        line("- \"Others' CPU\" is the busy time of all cores (from `/proc/stat`) during the start minus the server"
                + " JVM's own CPU time: PostgreSQL, the benchmark's polling, and any other job on the machine. A run"
                + " with several seconds of it competed for the cores; its wall time is pessimistic, its CPU time"
                + " much less affected.");
        line("- The peers run between the server runs of each repetition, on the cluster the server just used, so"
                + " both see the same machine load. The machine is shared: compare ratios, not absolute times.");
        line();
    }

    private void row(String name, List<ServerRun> fresh, List<ServerRun> existing, ToDoubleFunction<ServerRun> value,
            String format) {
        line("| " + name + " | " + range(Stats.of(fresh, value), format) + " | " + range(Stats.of(existing, value), format)
                + " |");
    }

    /**
     * CPU seconds used by all other processes while the server started: the busy share of all
     * cores over the start, minus the server JVM's own CPU time.
     */
    private double otherCpuSeconds(ServerRun s) {
        if (s.jvmCpuMillis() < 0 || Double.isNaN(s.machineBusy())) {
            return Double.NaN;
        }
        double machineBusySeconds = s.machineBusy() * s.healthyMillis() / 1000.0 * r.machine().logicalCpus();
        return Math.max(0, machineBusySeconds - s.jvmCpuMillis() / 1000.0);
    }

    private static <T> Stats seconds(List<T> items, java.util.function.ToLongFunction<T> millis) {
        return Stats.of(items, item -> millis.applyAsLong(item) / 1000.0);
    }

    static String range(Stats s, String format) {
        if (s.isEmpty()) {
            return "n/a";
        }
        return fmt(format, s.median()) + " (" + fmt(format, s.min()).replaceAll("\\s.*$", "") + "–"
                + fmt(format, s.max()) + ")";
    }

    private static String verdict(boolean pass) {
        return pass ? "**PASS**" : "**FAIL**";
    }

    private static String sec(double seconds) {
        return fmt("%.2f s", seconds);
    }

    private static String mib(double mib) {
        return Double.isNaN(mib) ? "n/a" : fmt("%.0f MiB", mib);
    }

    private static String kib(long kib) {
        return kib < 0 ? "n/a" : Long.toString(kib);
    }

    private static String fmt(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}
