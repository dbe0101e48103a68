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
        assertTrue(sql.contains("(r * 13 + i) % 100 as u"), sql);
        assertThrows(IllegalArgumentException.class, () -> rows.sql(0, 10, "2026-11-23T09:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> rows.sql(1, 1_000_001, "2026-11-23T09:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> DossierRows.of(1_000, 0.01, 11, "a", "b", List.of("p")));
    }
}
