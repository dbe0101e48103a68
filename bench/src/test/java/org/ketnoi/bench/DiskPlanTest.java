package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiskPlanTest {

    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void onlyWhatTheOptionsWriteIsCounted() {
        PopulationOptions all = PopulationOptions.parse("population", "--count", "10M");
        assertEquals(440 + 230 + 360, DiskPlan.of(all, false).bytesPerCitizen());
        assertEquals(440 + 360, DiskPlan.of(all, true).bytesPerCitizen()); // the CSV exists already
        PopulationOptions stream = PopulationOptions.parse("population", "--count", "10M", "--stream");
        assertEquals(440 + 360, DiskPlan.of(stream, false).bytesPerCitizen());
        PopulationOptions least = PopulationOptions.parse("population", "--count", "10M", "--stream", "--no-copy-peer");
        assertEquals(440, DiskPlan.of(least, false).bytesPerCitizen());
    }

    @Test
    void theWholeCountryFitsOnThisMachineOnlyWithStreamAndNoCopyPeer() {
        long free = Math.round(74.7 * GIB);
        DiskPlan least = DiskPlan.of(PopulationOptions.parse("population", "--count", "100M", "--stream",
                "--no-copy-peer"), false);
        assertTrue(least.fits(free));
        DiskPlan all = DiskPlan.of(PopulationOptions.parse("population", "--count", "100M"), false);
        assertFalse(all.fits(free));
        // 74.7 - 20 reserved - 3 WAL = 51.7 GiB at 1,030 B/citizen: 53.8 million, rounded down to the million.
        assertEquals(53_000_000, all.largestCount(free));
        assertTrue(new DiskPlan(all.largestCount(free), true, true).fits(free));
        assertFalse(new DiskPlan(all.largestCount(free) + 1_000_000, true, true).fits(free));
    }

    @Test
    void aFullDiskAllowsNothing() {
        assertEquals(0, new DiskPlan(1000, true, true).largestCount(20 * GIB));
        assertFalse(new DiskPlan(1000, true, true).fits(20 * GIB));
    }
}
