package org.ketnoi.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering as a database superuser would do it (triggers switched off), each inside a
 * transaction that is rolled back afterwards so the shared trail stays intact for other tests.
 */
@KetnoiIntegrationTest
class AuditTrailIT {

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    private long appendThree() {
        long first = 0;
        for (int i = 0; i < 3; i++) {
            AuditTrail.RecordedEntry e = trail.record(new AuditTrail.Entry("official:clerk" + i, "000.00.00.H01",
                    "test.action", "thing:" + i, AuditTrail.Outcome.SUCCESS));
            first = i == 0 ? e.sequence() : first;
        }
        return first;
    }

    @Test
    void anUntouchedChainVerifies() {
        appendThree();
        AuditTrail.Verification v = trail.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theApplicationCannotChangeOrDeleteEntries() {
        long seq = appendThree();
        assertThatThrownBy(() -> jdbc.sql("update audit.entry set actor = 'x' where seq = ?").param(seq).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit.entry where seq = ?").param(seq).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void findsAnAlteredEntry() {
        long seq = appendThree();
        assertBrokenAt(seq + 1, "altered", () -> jdbc.sql("update audit.entry set object = 'thing:forged' where seq = ?")
                .param(seq + 1).update());
    }

    @Test
    void findsAnAlteredEntryEvenWhenTheForgerRecomputedItsHash() {
        long seq = appendThree();
        // The rewritten entry checks out on its own; the link from the next entry does not.
        assertBrokenAt(seq + 1, "does not link", () -> {
            var row = jdbc.sql("select recorded_at, prev_hash from audit.entry where seq = ?").param(seq)
                    .query((rs, n) -> new Object[] {rs.getTimestamp(1).toInstant(), rs.getString(2)}).single();
            AuditTrail.Entry forged = new AuditTrail.Entry("official:clerk0", "000.00.00.H01", "test.action",
                    "thing:forged", AuditTrail.Outcome.SUCCESS);
            String hash = ChainHash.of(seq, (java.time.Instant) row[0], forged, (String) row[1]);
            jdbc.sql("update audit.entry set object = 'thing:forged', hash = ? where seq = ?").params(hash, seq).update();
        });
    }

    @Test
    void findsADeletedEntryInTheMiddle() {
        long seq = appendThree();
        assertBrokenAt(seq + 1, "missing", () -> jdbc.sql("delete from audit.entry where seq = ?").param(seq + 1).update());
    }

    @Test
    void findsDeletedEntriesAtTheEnd() {
        long seq = appendThree();
        assertBrokenAt(seq + 2, "at the end are missing",
                () -> jdbc.sql("delete from audit.entry where seq = ?").param(seq + 2).update());
    }

    @Test
    void findsAnInsertedEntry() {
        long seq = appendThree();
        assertBrokenAt(seq + 1, "does not link", () -> {
            jdbc.sql("update audit.entry set seq = seq + 1000000 where seq > ?").param(seq).update();
            jdbc.sql("""
                    insert into audit.entry(seq, recorded_at, actor, agency, action, object, outcome, prev_hash, hash)
                    values (?, now(), 'intruder', null, 'test.action', 'thing:x', 'SUCCESS', repeat('b', 64), repeat('c', 64))""")
                    .param(seq + 1).update();
            jdbc.sql("update audit.entry set seq = seq - 1000000 + 1 where seq > 1000000").update();
            jdbc.sql("update audit.chain_head set seq = seq + 1").update();
        });
    }

    private void assertBrokenAt(long sequence, String reason, Runnable tamper) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("alter table audit.entry disable trigger user").update();
            tamper.run();
            AuditTrail.Verification v = trail.verify();
            assertThat(v.intact()).as("tampering found").isFalse();
            assertThat(v.firstBreak()).get().satisfies((Consumer<AuditTrail.Break>) b -> {
                assertThat(b.sequence()).isEqualTo(sequence);
                assertThat(b.reason()).contains(reason);
            });
            status.setRollbackOnly();
        });
        assertThat(trail.verify().intact()).as("restored after rollback").isTrue();
    }
}
