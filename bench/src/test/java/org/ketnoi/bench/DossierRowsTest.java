package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DossierRowsTest {

    /** The ranks of rows 1..n are 0..n-1, each once, whatever n: so the open and the clerk's counts are exact. */
    @Test
    void ranksArePermutations() {
        for (long n : new long[] {1, 2, 7_919, 10_000, 999_983, 1_000_000, 1_048_576}) {
            long stride = DossierRows.stride(n);
            assertEquals(java.math.BigInteger.ONE, java.math.BigInteger.valueOf(stride).gcd(java.math.BigInteger
                    .valueOf(n)), "n=" + n);
            BitSet seen = new BitSet((int) n);
            for (long i = 1; i <= n; i++) {
                int r = (int) DossierRows.rank(i, n, stride);
                assertTrue(r >= 0 && r < n);
                assertTrue(!seen.get(r), "n=" + n + " rank " + r + " twice");
                seen.set(r);
            }
            assertEquals(n, seen.cardinality());
        }
    }

    /** Open rows (rank below the open count) are spread through the table, not bunched at its start. */
    @Test
    void openRowsAreSpreadEvenly() {
        long n = 1_000_000;
        DossierRows rows = DossierRows.of(n, 0.05, 3_000, "000.04.XA.H01", "00004", List.of("1.001193"));
        assertEquals(50_000, rows.open());
        int[] perHundredth = new int[100];
        int desk = 0;
        for (long i = 1; i <= n; i++) {
            long r = DossierRows.rank(i, n, rows.stride());
            if (r < rows.open()) {
                perHundredth[(int) ((i - 1) * 100 / n)]++;
            }
            if (r < rows.deskOpen()) {
                desk++;
            }
        }
        assertEquals(3_000, desk);
        for (int count : perHundredth) {
            assertTrue(count > 450 && count < 550, "open rows per hundredth of the table: " + count);
        }
    }

    /**
     * The stages and due dates of the open rows follow the shares asked for, in the clerk's agency too: the
     * hashes they come from must not share the rank's structure (a modulus of i would, and left whole stages empty).
     */
    @Test
    void openRowsHaveEveryStageAndDueState() {
        for (long n : new long[] {100_000, 1_000_000}) {
            DossierRows rows = DossierRows.of(n, 0.05, 3_000, "000.04.XA.H01", "00004", List.of("1.001193"));
            int[] stages = new int[5];
            int[] deskStages = new int[5];
            int[] due = new int[3];
            int deskLate = 0;
            int[] bounds = {DossierRows.RECEPTION, DossierRows.RECEPTION + DossierRows.PAYMENT,
                    DossierRows.RECEPTION + DossierRows.PAYMENT + DossierRows.APPRAISAL,
                    100 - DossierRows.RETURN_RESULT, 100};
            for (long i = 1; i <= n; i++) {
                long r = DossierRows.rank(i, n, rows.stride());
                if (r >= rows.open()) {
                    continue;
                }
                long u = DossierRows.stagePercent(r);
                int stage = 0;
                while (u >= bounds[stage]) {
                    stage++;
                }
                stages[stage]++;
                if (r < rows.deskOpen()) {
                    deskStages[stage]++;
                }
                long w = DossierRows.duePercent(r);
                due[w < DossierRows.LATE ? 0 : w < DossierRows.LATE + DossierRows.NEARLY_DUE ? 1 : 2]++;
                if (r < rows.deskOpen() && (stage == 1 || stage == 4) && w < DossierRows.LATE) {
                    deskLate++;
                }
            }
            int[] shares = {DossierRows.RECEPTION, DossierRows.PAYMENT, DossierRows.APPRAISAL, DossierRows.APPROVAL,
                    DossierRows.RETURN_RESULT};
            for (int k = 0; k < 5; k++) {
                assertEquals(shares[k] / 100.0, stages[k] / (double) rows.open(), 0.01, "n=" + n + " stage " + k);
                assertEquals(shares[k] / 100.0, deskStages[k] / (double) rows.deskOpen(), 0.03, "n=" + n
                        + " clerk's stage " + k);
            }
            assertEquals(DossierRows.LATE / 100.0, due[0] / (double) rows.open(), 0.01);
            // about 3,000 × 15 % (payment and return) × 15 % late = 67
            assertTrue(deskLate > 40, "the clerk's own stages have late dossiers: " + deskLate);
            assertEquals(DossierRows.NEARLY_DUE / 100.0, due[1] / (double) rows.open(), 0.01);
        }
    }

    @Test
    void theStatementCoversItsRowsAndNamesTheClerksAgency() {
        DossierRows rows = DossierRows.of(1_000_000, 0.05, 3_000, "000.04.XA.H01", "00004",
                List.of("1.001193", "2.000001"));
        String sql = rows.sql(50_001, 100_000, "2026-11-23T09:00:00Z");
        assertTrue(sql.contains("generate_series(50001::bigint, 100000::bigint)"), sql);
        assertTrue(sql.contains("* " + rows.stride() + "::bigint) % 1000000::bigint"), sql);
        assertTrue(sql.contains("r < 50000 as open, r < 3000 as desk"), sql);
        assertTrue(sql.contains("then '000.04.XA.H01'"));
        assertTrue(sql.contains("where code <> '00004'"));
        assertTrue(sql.contains("array['1.001193','2.000001']"));
        assertTrue(sql.contains("'2026-11-23T09:00:00Z'::timestamptz"));
        assertTrue(sql.contains("r % 100 as u, floor((r * 0.6180339887498949::float8 - floor(r * "
                + "0.6180339887498949::float8)) * 100)::int as w"), "the SQL of stagePercent and duePercent: " + sql);
        assertThrows(IllegalArgumentException.class, () -> rows.sql(0, 10, "2026-11-23T09:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> rows.sql(1, 1_000_001, "2026-11-23T09:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> DossierRows.of(1_000, 0.01, 11, "a", "b", List.of("p")));
    }
}
