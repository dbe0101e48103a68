package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void readsHeapBeforeAndAfterEveryPause() {
        GcLog log = GcLog.parse(List.of(
                "[0.012s][info][gc] Using Serial",
                "[1.234s][info][gc] GC(0) Pause Young (Allocation Failure) 34M->5M(123M) 4.500ms",
                "[9.876s][info][gc] GC(1) Pause Full (Allocation Failure) 300M->120M(490M) 210.250ms",
                "[10.5s][info][gc] GC(2) Pause Young (Allocation Failure) 140M->121M(490M) 3.250ms"));
        assertEquals(3, log.pauses());
        assertEquals(1, log.fullPauses());
        assertEquals(300 * 1024, log.maxBeforeKib());
        assertEquals(121 * 1024, log.maxAfterKib());
        assertEquals(490 * 1024, log.maxCommittedKib());
        assertEquals(218.0, log.totalPauseMillis(), 1e-9);
        assertEquals(210.25, log.maxPauseMillis(), 1e-9);
    }

    @Test
    void noPausesIsNotAnError() {
        assertEquals(-1, GcLog.parse(List.of()).maxBeforeKib());
    }
}
