package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSampleTest {

    @Test
    void idleAndIowaitAreNotBusy() {
        CpuSample s = CpuSample.parse("cpu  100 5 20 800 50 1 2 3 0 0");
        assertEquals(131, s.busyTicks());
        assertEquals(981, s.totalTicks());
    }

    @Test
    void busyShareIsTheBusyPartOfTheTicksInBetween() {
        CpuSample before = new CpuSample(100, 1000);
        CpuSample after = new CpuSample(250, 1200);
        assertEquals(0.75, after.busyShareSince(before), 1e-9);
        assertTrue(Double.isNaN(after.busyShareSince(CpuSample.UNKNOWN)));
    }
}
