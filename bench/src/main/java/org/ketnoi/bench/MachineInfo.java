package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the figures were measured on. Start-up time depends mostly on cores and their speed,
 * and these machines are shared, so the load average before and after is recorded too.
 */
record MachineInfo(String cpuModel, int logicalCpus, int availableProcessors, long memTotalKib,
        String os, String kernel, String javaVersion, String javaVendor, String javaHome) {

    static MachineInfo read() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(MachineInfo::value).orElse("unknown");
        int cpus = (int) cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        long memTotal = ProcMemory.field(lines(Path.of("/proc/meminfo")), "MemTotal:");
        String os = lines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .findFirst().map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .orElse(System.getProperty("os.name"));
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new MachineInfo(model, cpus, Runtime.getRuntime().availableProcessors(), memTotal, os, kernel,
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"));
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        List<String> lines = lines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] parts = lines.getFirst().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line.trim() : line.substring(colon + 1).trim();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The results files' first rows: machine, OS and the JDK ({@code runs} says which processes it runs). */
    String headerRows(String runs) {
        return "| Machine | " + cpuModel + ", " + logicalCpus + " cores (" + availableProcessors
                + " available to the JVM), " + String.format(java.util.Locale.ROOT, "%.1f", memTotalKib / 1024.0 / 1024.0)
                + " GiB RAM |\n"
                + "| OS | " + os + ", " + kernel + " |\n"
                + "| JDK (" + runs + ") | " + javaVersion + " (" + javaVendor + "), " + javaHome + " |";
    }
}
