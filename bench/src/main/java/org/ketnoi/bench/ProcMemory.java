package org.ketnoi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads resident memory from /proc (Linux only, which is what the platform targets). */
final class ProcMemory {

    private static final Path PROC = Path.of("/proc");

    private ProcMemory() {
    }

    /** Memory of the given processes; one that exits while being read is simply not counted. */
    static Memory of(Collection<ProcessHandle> processes) {
        Memory total = Memory.NONE;
        for (ProcessHandle process : processes) {
            Optional<Memory> memory = of(process.pid());
            if (memory.isPresent()) {
                total = total.plus(memory.get());
            }
        }
        return total;
    }

    static Optional<Memory> of(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            long rss = field(Files.readAllLines(dir.resolve("status")), "VmRSS:");
            long pss = pss(dir);
            return rss < 0 ? Optional.empty() : Optional.of(new Memory(rss, pss, 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** smaps_rollup exists since Linux 4.14; without it (or without permission) PSS is unknown. */
    private static long pss(Path dir) {
        try {
            return field(Files.readAllLines(dir.resolve("smaps_rollup")), "Pss:");
        } catch (IOException e) {
            return -1;
        }
    }

    /** The number in a line such as "VmRSS:	  264756 kB", or -1 when the line is absent. */
    static long field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }
}
