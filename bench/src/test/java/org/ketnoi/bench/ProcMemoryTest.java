package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcMemoryTest {

    @Test
    void readsTheKibibytesOfAProcField() {
        List<String> status = List.of("Name:\tjava", "VmRSS:\t  264756 kB", "Uid:\t0\t0\t0\t0");
        assertEquals(264756, ProcMemory.field(status, "VmRSS:"));
        assertEquals(0, ProcMemory.field(status, "Uid:"));
        assertEquals(-1, ProcMemory.field(status, "Pss:"));
    }

    @Test
    void unknownPssStaysUnknownWhenAdded() {
        Memory sum = new Memory(10, 5, 1).plus(new Memory(20, -1, 1));
        assertEquals(30, sum.rssKib());
        assertEquals(-1, sum.pssKib());
        assertEquals(2, sum.processes());
    }
}
