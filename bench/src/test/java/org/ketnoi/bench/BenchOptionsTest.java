package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void noArgumentsMeanThreeStartupRuns() {
        BenchOptions options = BenchOptions.parse();
        assertEquals("startup", options.benchmark());
        assertEquals(3, options.runs());
    }

    @Test
    void runsCanBeGivenEitherWay() {
        assertEquals(5, BenchOptions.parse("startup", "--runs", "5").runs());
        assertEquals(7, BenchOptions.parse("--runs=7", "--keep-data").runs());
        assertTrue(BenchOptions.parse("--keep-data").keepData());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("import"));
    }
}
