package org.ketnoi.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ketnoi.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trail in PostgreSQL. Appends take the chain head's row lock, so concurrent writers line up
 * and every entry links to the one committed before it.
 */
@Service
class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public RecordedEntry record(Entry entry) {
        Head head = jdbc.sql("select seq, hash from audit.chain_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long sequence = head.sequence() + 1;
        // PostgreSQL keeps microseconds: hash what will be read back.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = ChainHash.of(sequence, at, entry, head.hash());
        jdbc.sql("""
                        insert into audit.entry(seq, recorded_at, actor, agency, action, object, outcome, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sequence, Timestamp.from(at), entry.actor(), entry.agency(), entry.action(), entry.object(),
                        entry.outcome().name(), head.hash(), hash)
                .update();
        jdbc.sql("update audit.chain_head set seq = ?, hash = ? where id = 1").params(sequence, hash).update();
        return new RecordedEntry(sequence, at, entry, hash);
    }

    @Override
    @Transactional(readOnly = true)
    public Verification verify() {
        AtomicLong expected = new AtomicLong(1);
        AtomicReference<String> previous = new AtomicReference<>(ChainHash.GENESIS);
        AtomicReference<Break> firstBreak = new AtomicReference<>();
        AtomicLong checked = new AtomicLong();
        jdbc.sql("select * from audit.entry order by seq").withFetchSize(1000).query((ResultSet rs) -> {
            if (firstBreak.get() != null) {
                return;
            }
            checked.incrementAndGet();
            long seq = rs.getLong("seq");
            Entry entry = entry(rs);
            Instant at = rs.getTimestamp("recorded_at").toInstant();
            String storedPrev = rs.getString("prev_hash");
            String storedHash = rs.getString("hash");
            if (seq != expected.get()) {
                firstBreak.set(new Break(expected.get(), seq > expected.get()
                        ? "entries " + expected.get() + " to " + (seq - 1) + " are missing (deleted)"
                        : "entry " + seq + " appears twice or out of order (inserted)"));
            } else if (!storedPrev.equals(previous.get())) {
                firstBreak.set(new Break(seq, "entry " + seq + " does not link to the entry before it (inserted or "
                        + "replaced)"));
            } else if (!ChainHash.of(seq, at, entry, storedPrev).equals(storedHash)) {
                firstBreak.set(new Break(seq, "entry " + seq + " was altered: its content no longer matches its hash"));
            }
            expected.set(seq + 1);
            previous.set(storedHash);
        });
        if (firstBreak.get() == null) {
            Head head = jdbc.sql("select seq, hash from audit.chain_head where id = 1")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
            long last = expected.get() - 1;
            if (head.sequence() != last || !head.hash().equals(previous.get())) {
                firstBreak.set(new Break(last + 1, head.sequence() > last
                        ? "entries " + (last + 1) + " to " + head.sequence() + " at the end are missing (deleted)"
                        : "the chain's head does not match its last entry " + last));
            }
        }
        return new Verification(checked.get(), Optional.ofNullable(firstBreak.get()));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("actor"), rs.getString("agency"), rs.getString("action"),
                rs.getString("object"), Outcome.valueOf(rs.getString("outcome")));
    }

    private record Head(long sequence, String hash) {
    }
}
