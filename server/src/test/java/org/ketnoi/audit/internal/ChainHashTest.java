package org.ketnoi.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ketnoi.audit.AuditTrail;

class ChainHashTest {

    private final Instant at = Instant.parse("2026-11-23T01:02:03.123456Z");
    private final AuditTrail.Entry entry = new AuditTrail.Entry("official:an", "000.00.00.H01", "agency.register",
            "agency:000.00.03.H01", AuditTrail.Outcome.SUCCESS);

    @Test
    void isStableForTheSameInput() {
        assertThat(ChainHash.of(1, at, entry, ChainHash.GENESIS)).hasSize(64)
                .isEqualTo(ChainHash.of(1, at, entry, ChainHash.GENESIS));
    }

    @Test
    void changesWithEveryField() {
        String base = ChainHash.of(1, at, entry, ChainHash.GENESIS);
        assertThat(ChainHash.of(2, at, entry, ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.of(1, at.plusNanos(1000), entry, ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.of(1, at, new AuditTrail.Entry("official:an", null, "agency.register",
                "agency:000.00.03.H01", AuditTrail.Outcome.SUCCESS), ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.of(1, at, new AuditTrail.Entry("official:an", "000.00.00.H01", "agency.register",
                "agency:000.00.03.H01", AuditTrail.Outcome.REFUSED), ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.of(1, at, entry, "1".repeat(64))).isNotEqualTo(base);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "ab" + "c" and "a" + "bc" must not hash alike.
        AuditTrail.Entry one = new AuditTrail.Entry("ab", "c", "x", "y", AuditTrail.Outcome.SUCCESS);
        AuditTrail.Entry two = new AuditTrail.Entry("a", "bc", "x", "y", AuditTrail.Outcome.SUCCESS);
        assertThat(ChainHash.of(1, at, one, ChainHash.GENESIS)).isNotEqualTo(ChainHash.of(1, at, two, ChainHash.GENESIS));
    }
}
