package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DossierReportTest {

    static DossierResults.Point point(String workload, int c, double perSecond, double p99, long errors) {
        return new DossierResults.Point(workload, c, "JVM", 20, Math.round(perSecond * 20), errors, p99 / 3, p99,
                p99 * 2, 0.05, 0.99, 10_000, 5_000, 1_000, errors == 0 ? Map.of() : Map.of("HTTP 500", errors),
                errors == 0 ? "" : "HTTP 500: {\"status\":500}");
    }

    static DossierResults results(List<DossierResults.Point> submissions, List<DossierResults.Point> queuePoints,
            List<DossierResults.Point> pages) {
        MachineInfo machine = new MachineInfo("AMD EPYC", 2, 2, 24_000_000, "Debian 12", "Linux 6.1", "25.0.3",
                "Eclipse Adoptium", "/usr/lib/jvm/temurin-25");
        DossierRows rows = DossierRows.of(1_000_000, 0.05, 3_000, DossierBenchmark.CLERK_AGENCY,
                DossierBenchmark.CLERK_COMMUNE, List.of(DossierForms.PROCEDURE));
        DossierResults.Queue queue = new DossierResults.Queue(rows, 50_000, 9_000, 900L << 20, 300L << 20, 1_020_000,
                52_000, 1_400, "total 1,400, on time 900, nearly due 200, late 150", "", queuePoints);
        return new DossierResults(ZonedDateTime.parse("2026-11-23T10:00:00Z"), Duration.ofMinutes(15), machine,
                "1.0 1.0 1.0", "2.0 2.0 2.0", new GitRevision("abc1234", false), "server.jar", "java -jar b.jar dossier",
                "java -jar server.jar", "wrk 4.1.0", "PostgreSQL 18.6", "8.0.0.0", DossierOptions.parse("dossier"),
                20_000, 3_321, submissions, List.of(point(DossierResults.ACCEPT, 8, 300, 40, 0)),
                List.of("C=8: 4,000 dossiers"), queue, pages, List.of(), new KetnoiServer.Shutdown(1000, 900, 143, true),
                List.of("something odd"));
    }

    @Test
    void theSustainedRateIsTheBestLevelWithoutErrorsAndTheOverheadIsAgainstTheBestBareRate() {
        DossierResults r = results(List.of(
                point(DossierResults.KETNOI_SUBMIT, 8, 420, 30, 0),
                point(DossierResults.BARE_START, 8, 900, 20, 0),
                point(DossierResults.KETNOI_SUBMIT, 64, 610, 300, 12),
                point(DossierResults.BARE_START, 64, 1_200, 90, 0)), List.of(), List.of());
        assertEquals(8, r.bestSubmission().concurrency());
        assertEquals(64, r.bestBare().concurrency());
        assertEquals(900, r.bareAt(8).rate(), 1e-9);
        String md = new DossierReport(r).markdown();
        assertTrue(md.contains("| 420/s at C=8 (p50 10.0 ms, p99 30.0 ms, 0 errors) |"), md);
        assertTrue(md.contains("| 0.84 | **FAIL** |"), md);
        // 420 / 1,200: the overhead is against the best bare rate
        assertTrue(md.contains("| 0.35 | measured (no goal) |"), md);
        assertTrue(md.contains("| 8 | " + DossierResults.KETNOI_SUBMIT + " | 420 |"));
        assertTrue(md.contains("| 0.47 |"), "the ratio to bare at the same C: 420 / 900");
        assertTrue(md.contains("12 (HTTP 500 × 12)"));
        assertTrue(md.contains("First wrong answer of " + DossierResults.KETNOI_SUBMIT + " at C=64: `HTTP 500:"));
        assertTrue(md.contains("- something odd"));
        assertTrue(md.contains("| Machine | AMD EPYC, 2 cores"));
    }

    @Test
    void queuePointsAreJudgedOnP99AndPagesOnRateBesideTheFloor() {
        DossierResults r = results(List.of(), List.of(
                point(DossierResults.QUEUE_API, 4, 250, 150, 0),
                point(DossierResults.DESK_PAGE, 16, 240, 200, 0)), List.of(
                point(DossierBenchmark.FLOOR, 16, 6_000, 8, 0),
                point(DossierBenchmark.TRACK, 16, 2_400, 20, 0),
                point(DossierBenchmark.FLOOR, 32, 6_500, 15, 0),
                point(DossierBenchmark.TRACK, 32, 2_600, 40, 3)));
        String md = new DossierReport(r).markdown();
        assertTrue(md.contains(DossierResults.QUEUE_API + ", C=4 | p99 150 ms (p50 50.0 ms, 250/s, 5,000 answers, 0 "
                + "errors) | 200 ms | 0.75 | **PASS** |"), md);
        // p99 must be under 200 ms, not at it
        assertTrue(md.contains(DossierResults.DESK_PAGE + ", C=16 | p99 200 ms"), md);
        assertTrue(md.contains("| 1.00 | **FAIL** |"), md);
        // C=32 had errors, so C=16 is the sustainable rate
        assertTrue(md.contains("Page views ≥ 2,000/s on one node: " + DossierBenchmark.TRACK + " | 2,400/s at C=16"),
                md);
        assertTrue(md.contains("HTTP floor (" + DossierBenchmark.FLOOR_PATH + "): 6,500/s at C=32 | 1.20 | **PASS** |"),
                md);
        assertTrue(md.contains("| 16 | " + DossierBenchmark.TRACK + " | 2,400 | 0.40 |"), md);
        assertTrue(md.contains("## 3. Queue pages with 1,020,000 dossiers"));
    }
}
