package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parsers of --stream and --no-copy-peer: children's CPU time, the earlier COPY ratio. */
class StreamParsingTest {

    @Test
    void childrenCpuFromProcStat() {
        // Fields 14-17: utime stime cutime cstime; the command name may hold spaces and parentheses.
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1500 300 731 69 20 0 40 0 1000 1 1";
        assertEquals(731 + 69, PopulationStream.childCpuTicks(stat));
        assertTrue(PopulationStream.childCpuTicks() >= 0);
    }

    @Test
    void ratioFromTheImportGoalRow() {
        List<String> lines = List.of("## Goals", "| Goal | Ketnoi | Peer or limit, same run | Ratio | Verdict |",
                "| Import of 10,000,000 records through the API reaches ≥ 0.7 × PostgreSQL COPY of the same rows "
                        + "| 20,723 rows/s (8m03s) | COPY FROM file: 24,713 rows/s (6m45s) | 0.84 | **PASS** |");
        assertEquals(Optional.of(0.84), EarlierCopyRatio.ratio(lines));
        assertEquals(Optional.empty(), EarlierCopyRatio.ratio(List.of("| Import of 5 records | 1 rows/s | COPY peer "
                + "skipped (`--no-copy-peer`) | – | not measured in this run |")));
    }

    @Test
    void theLargestEarlierRunWithACopyPeerIsNamed(@TempDir Path dir) throws IOException {
        String row = "| Import of N records | x | COPY FROM file: y | %s | **PASS** |\n";
        Files.writeString(dir.resolve("population-1000000-2026-11-20-aaaaaaa.md"), row.formatted("0.91"));
        Files.writeString(dir.resolve("population-10000000-2026-11-22-bbbbbbb.md"), row.formatted("0.80"));
        Files.writeString(dir.resolve("population-10000000-2026-11-23-ccccccc.md"), row.formatted("0.84"));
        Files.writeString(dir.resolve("population-100000000-2026-11-24-ddddddd.md"), "| Import of N | x | COPY peer "
                + "skipped | – | not measured in this run |\n");
        Files.writeString(dir.resolve("startup-2026-11-23-ccccccc.md"), row.formatted("0.10"));
        EarlierCopyRatio found = EarlierCopyRatio.find(dir).orElseThrow();
        assertEquals("population-10000000-2026-11-23-ccccccc.md", found.file());
        assertEquals(10_000_000, found.count());
        assertEquals(0.84, found.ratio());
    }

    @Test
    void theRealResultsFileOfTheFirstTenMillionRun() {
        Path file = Path.of("results/population-10000000-2026-11-23-20145aa.md");
        if (Files.exists(file)) {
            assertEquals(0.84, EarlierCopyRatio.read(file).orElseThrow().ratio());
        }
    }
}
