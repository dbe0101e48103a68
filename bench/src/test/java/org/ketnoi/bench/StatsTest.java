package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Stats s = Stats.of(12.0, 3.0, 7.0);
        assertEquals(7.0, s.median());
        assertEquals(3.0, s.min());
        assertEquals(12.0, s.max());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(5.0, Stats.of(1.0, 4.0, 6.0, 100.0).median());
    }

    @Test
    void noValuesGiveAnEmptySummary() {
        assertTrue(Stats.of().isEmpty());
        assertEquals("n/a", StartupReport.range(Stats.of(), "%.2f s"));
    }

    @Test
    void rangeShowsMedianThenMinAndMax() {
        assertEquals("2.00 s (1.00–3.00 s)", StartupReport.range(Stats.of(3.0, 1.0, 2.0), "%.2f s"));
    }
}
