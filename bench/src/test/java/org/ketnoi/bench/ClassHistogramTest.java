package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {

    private static ClassHistogram histogram(long strings, long fillers, long sessions) {
        return ClassHistogram.parse(List.of(
                "12345:",
                " num     #instances         #bytes  class name (module)",
                "-------------------------------------------------------",
                "   1:        161175       10331704  [B (java.base@25.0.3)",
                "   2:        " + strings / 24 + "        " + strings + "  java.lang.String (java.base@25.0.3)",
                "   3:           551       " + fillers + "  [Ljdk.internal.vm.FillerElement; (java.base@25.0.3)",
                "   4:             2             32  jdk.internal.vm.FillerObject (java.base@25.0.3)",
                "   5:         " + sessions / 40 + "         " + sessions + "  org.example.Session",
                "Total        " + (161175 + strings / 24 + 553 + sessions / 40) + "       "
                        + (10331704 + strings + fillers + 32 + sessions)));
    }

    @Test
    void theTotalLeavesTheGcsFillersOut() {
        ClassHistogram h = histogram(3_679_512, 14_740_032, 40_000);
        assertEquals(10_331_704 + 3_679_512 + 40_000, h.totalBytes());
        assertEquals(161_175 + 153_313 + 1_000, h.instances());
        assertEquals(3_679_512L, h.byClass().get("java.lang.String"));
        assertEquals(null, h.byClass().get("[Ljdk.internal.vm.FillerElement;"));
    }

    @Test
    void growthIsByClassLargestFirst() {
        ClassHistogram before = histogram(2_400, 100, 400);
        ClassHistogram after = histogram(4_800, 9_000_000, 80_400);
        List<ClassHistogram.Growth> grown = after.grownSince(before, 5);
        assertEquals(List.of(new ClassHistogram.Growth("org.example.Session", 80_000, 2_000),
                new ClassHistogram.Growth("java.lang.String", 2_400, 100)), grown);
    }

    @Test
    void noTotalIsAFailure() {
        assertThrows(BenchmarkFailed.class, () -> ClassHistogram.parse(List.of("12345:", "Could not attach")));
    }
}
