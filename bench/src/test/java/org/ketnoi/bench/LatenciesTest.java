package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverAllClients() {
        long[] a = {5_000_000, 1_000_000, 3_000_000, 0};
        long[] b = {2_000_000, 4_000_000};
        // 1..5 ms, the trailing 0 of a is not part of its count
        Latencies l = Latencies.merge(List.of(a, b), List.of(3, 2));
        assertEquals(5, l.count());
        assertEquals(3.0, l.percentileMillis(0.50));
        assertEquals(5.0, l.percentileMillis(0.99));
        assertEquals(1.0, l.percentileMillis(0.0));
        assertEquals(5.0, l.maxMillis());
        assertEquals(3.0, l.meanMillis(), 1e-9);
    }

    @Test
    void p99OfAHundredValuesIsTheNinetyNinth() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = (100 - i) * 1_000_000L;
        }
        Latencies l = Latencies.of(values, 100);
        assertEquals(99.0, l.percentileMillis(0.99));
        assertEquals(50.0, l.percentileMillis(0.50));
    }

    @Test
    void emptyIsNaNNotAnError() {
        assertTrue(Double.isNaN(Latencies.of(new long[0], 0).percentileMillis(0.99)));
    }

    @Test
    void recorderGrows() {
        Latencies.Recorder r = new Latencies.Recorder();
        for (int i = 0; i < 100_000; i++) {
            r.add(i);
        }
        assertEquals(100_000, r.count);
        assertEquals(99_999, r.values[99_999]);
    }
}
