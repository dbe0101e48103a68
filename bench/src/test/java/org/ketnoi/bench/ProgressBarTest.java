package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsRunsElapsedRateAndTimeLeft() {
        String line = ProgressBar.line(5, 15, 120_000_000_000L, "run 2/3: fresh data dir");
        assertEquals("[######..............] 5/15 runs  2m00s elapsed  2.5 runs/min  ~4m00s left  run 2/3: fresh data dir",
                line);
    }

    @Test
    void saysItIsEstimatingBeforeTheFirstRun() {
        assertTrue(ProgressBar.line(0, 15, 1_000_000_000L, "").contains("estimating"));
    }
}
