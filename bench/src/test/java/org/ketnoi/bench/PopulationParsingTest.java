package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parsers of the population benchmark: actuator metric, import answer, server log, progress line. */
class PopulationParsingTest {

    @Test
    void heapValueFromTheActuatorMetric() {
        String json = "{\"name\":\"jvm.memory.used\",\"baseUnit\":\"bytes\",\"measurements\":[{\"statistic\":\"VALUE\","
                + "\"value\":1.23456789E8}],\"availableTags\":[{\"tag\":\"id\",\"values\":[\"eden space\"]}]}";
        assertEquals(123_456_789, HeapSampler.parse(json));
        assertEquals(-1, HeapSampler.parse("{}"));
    }

    @Test
    void importAnswer() {
        String json = "{\"jobId\":3,\"status\":\"ACCEPTED\",\"accepted\":9999998,\"rejected\":2,\"rejections\":[]}";
        assertEquals(9_999_998, ImportClient.number(json, "accepted"));
        assertEquals(2, ImportClient.number(json, "rejected"));
        assertEquals("ACCEPTED", ImportClient.text(json, "status"));
        assertNull(ImportClient.text(json, "nothing"));
    }

    @Test
    void rowsReadFromTheLastProgressLineOfTheServerLog(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        Files.writeString(log, """
                02:40:01.000 INFO  o.k.p.imports.PopulationImports  Import job 1: 1000000 rows read, 980000 loaded, 0 rejected, 101000 rows/s
                02:40:11.000 INFO  o.k.p.imports.PopulationImports  Import job 1: 2000000 rows read, 1980000 loaded, 0 rejected, 100500 rows/s
                """);
        assertEquals(2_000_000, ImportClient.rowsReadInLog(log));
        assertEquals(-1, ImportClient.rowsReadInLog(dir.resolve("missing.log")));
    }

    @Test
    void progressLineShowsRateAndTimeLeft() {
        String line = RateProgress.line("import", 2_500_000, 10_000_000, "rows", 50_000_000_000L, "POST /imports");
        assertEquals("import [#####...............]  25%  2,500,000/10,000,000 rows  0m50s elapsed  50,000 rows/s"
                + "  ~2m30s left  POST /imports", line);
        assertTrue(RateProgress.line("x", 0, 10, "rows", 1, "").contains("estimating"));
    }

    @Test
    void jsonStringsAreEscapedAndAnswersCounted() {
        assertEquals("a\\\"b\\\\c", Lookups.json("a\"b\\c"));
        assertEquals(3, Lookups.count("[{\"idNumber\":1},{\"idNumber\":2},{\"idNumber\":3}]", "\"idNumber\""));
    }

    @Test
    void theBestSustainableRateIsTheFastestLevelThatMetTheLimit() {
        LoadDriver.Run slowOk = run(4, 1000, 2_000_000);
        LoadDriver.Run fastOk = run(16, 3000, 8_000_000);
        LoadDriver.Run fastest = run(64, 3500, 30_000_000);
        assertEquals(16, PopulationReport.best(List.of(slowOk, fastOk, fastest), "w", 10).orElseThrow().concurrency());
        // none meets 1 ms: the fastest is shown, and fails
        assertEquals(64, PopulationReport.best(List.of(slowOk, fastOk, fastest), "w", 1).orElseThrow().concurrency());
    }

    /** A run of one second with {@code count} answers, all of {@code nanos}. */
    private static LoadDriver.Run run(int c, int count, long nanos) {
        long[] values = new long[count];
        java.util.Arrays.fill(values, nanos);
        return new LoadDriver.Run("w", c, 1_000_000_000L, Latencies.of(values, count), 0, Map.of(), 0.5, 100, 100, "");
    }
}
