package org.ketnoi.population.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.CitizenRecord;
import org.ketnoi.population.PopulationRegistry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One file's rows going into population.citizen inside the caller's transaction: checked one by
 * one, sent by COPY in chunks (each under a savepoint, so a chunk with a duplicate number is sent
 * again without it), then the households the file touched are checked. Nothing here commits.
 *
 * <p>Two chunks take turns: while PostgreSQL takes one (on a helper thread that alone uses the
 * connection meanwhile), this thread checks the rows of the next, so checking and loading overlap.
 */
final class ImportLoad implements AutoCloseable {

    static final int CHUNK_ROWS = 20_000;
    private static final int PROGRESS_EVERY = 1_000_000;
    private static final int MAX_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COPY_KEYS = "copy pg_temp.import_row (line, id, household_no) from stdin";
    private static final Logger LOG = LoggerFactory.getLogger(PopulationImports.class);

    private final long job;
    private final Caller caller;
    private final String reason;
    private final PopulationRegistry registry;
    private final JdbcTemplate cursor;
    private final JdbcClient jdbc;
    private final Connection connection;
    private final CopyManager copies;
    private final ImportJobs.Rejections rejections;
    private final long started = System.nanoTime();
    private CopyChunk filling = new CopyChunk(CHUNK_ROWS);
    private CopyChunk spare = new CopyChunk(CHUNK_ROWS);
    private Future<Integer> copying;
    private volatile String citizenCopy;
    private long read;
    private long loaded;

    /** Starts a load on the transaction's connection, which must not be used elsewhere until {@link #close()}. */
    ImportLoad(long job, Caller caller, String reason, PopulationRegistry registry, JdbcClient jdbc, JdbcTemplate cursor,
            Connection connection, ImportJobs.Rejections rejections) throws SQLException {
        this.job = job;
        this.caller = caller;
        this.reason = reason;
        this.registry = registry;
        this.jdbc = jdbc;
        this.cursor = cursor;
        this.connection = connection;
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.rejections = rejections;
        // Line, number and household of every loaded row, for the checks that need the whole file.
        jdbc.sql("create temp table import_row (line bigint not null, id bigint not null, household_no text) "
                + "on commit drop").update();
    }

    void accept(CitizenReader.Row row) {
        if (++read % PROGRESS_EVERY == 0) {
            progress();
        }
        if (row.problem() != null) {
            rejections.add(row.problem());
            return;
        }
        SequencedMap<String, Object> values = check(row);
        if (values == null) {
            return;
        }
        long id = (Long) values.get("id");
        long first = filling.lineOf(id);
        if (first >= 0) {
            rejections.add(row.line(), "idNumber", "idNumber.repeatedInFile", duplicateInFile(id, first), number(id),
                    first);
            return;
        }
        if (citizenCopy == null) {
            citizenCopy = "copy population.citizen (" + String.join(", ", values.sequencedKeySet())
                    + ") from stdin";
        }
        filling.add(row.line(), id, (String) values.get("household_no"), values.sequencedValues());
        if (filling.isFull()) {
            handOver();
        }
    }

    /** The row's values for the table, or null when it is rejected (the rejection is recorded). */
    private SequencedMap<String, Object> check(CitizenReader.Row row) {
        SequencedMap<String, Object> values;
        try {
            CitizenRecord record = row.document().toRecord();
            values = registry.citizenRow(record, caller.username(), caller.agencyId(), reason);
        } catch (InvalidInput e) {
            rejections.add(ImportReport.Rejection.of(row.line(), e));
            return null;
        } catch (RuntimeException e) {
            // A check that fails in an unforeseen way is a bug to fix, but it costs this row, not the file.
            LOG.warn("Import job {}: checking line {} failed unexpectedly", job, row.line(), e);
            rejections.add(row.line(), null, "row.unchecked", "the row could not be checked ("
                    + e.getClass().getSimpleName() + ")");
            return null;
        }
        String commune = (String) values.get("perm_commune");
        if (!caller.covers((String) values.get("province"), commune)) {
            rejections.add(row.line(), "permanentCommune", "area.outside", "the permanent residence (commune "
                    + commune + ") is outside the area of agency " + caller.agencyId(), commune, caller.agencyId());
            return null;
        }
        return values;
    }

    /** Sends the last rows and checks the households; returns how many rows are in the table. */
    long finish(boolean removeBadHouseholds) {
        handOver();
        awaitCopy();
        return loaded - checkHouseholds(removeBadHouseholds);
    }

    long read() {
        return read;
    }

    /** Waits for a COPY still running, so the transaction can end; after a failure its outcome no longer matters. */
    @Override
    public void close() {
        Future<Integer> running = copying;
        copying = null;
        if (running != null) {
            try {
                running.get();
            } catch (ExecutionException e) {
                LOG.debug("Import job {}: a COPY failed after the import had already failed", job, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives the full chunk to the helper thread, once it is done with the one before. */
    private void handOver() {
        awaitCopy();
        CopyChunk full = filling;
        filling = spare;
        spare = full;
        if (full.isEmpty()) {
            full.clear();
            return;
        }
        FutureTask<Integer> task = new FutureTask<>(() -> load(full));
        Thread.ofVirtual().name("import-" + job + "-copy").start(task);
        copying = task;
    }

    private void awaitCopy() {
        Future<Integer> running = copying;
        if (running == null) {
            return;
        }
        copying = null;
        try {
            loaded += running.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("Import job " + job + " failed: " + e.getCause().getMessage(),
                            e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Import job " + job + " was interrupted", e);
        }
    }

    /** Copies a chunk (on the helper thread); returns how many of its rows went in. */
    private int load(CopyChunk chunk) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                copy(citizenCopy, chunk::writeRows);
                copy(COPY_KEYS, chunk::writeKeys);
                connection.releaseSavepoint(savepoint);
                break;
            } catch (SQLException e) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                // Another transaction may add a number between our look and our retry: try a few times.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == MAX_ATTEMPTS
                        || rejectDuplicates(chunk) == 0) {
                    throw new IllegalStateException("Import job " + job + " could not load rows "
                            + chunk.line(0) + " to " + chunk.line(chunk.count() - 1) + ": " + e.getMessage(), e);
                }
                if (chunk.isEmpty()) {
                    break;
                }
            }
        }
        int live = chunk.live();
        chunk.clear();
        return live;
    }

    private interface Body {
        void write(CopyIn copy) throws SQLException;
    }

    private void copy(String sql, Body body) throws SQLException {
        CopyIn copy = copies.copyIn(sql);
        try {
            body.write(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Drops the chunk's rows whose number is already in the table: in the registry before, or
     * loaded from an earlier chunk of this file (then the temporary table knows its line).
     */
    private int rejectDuplicates(CopyChunk chunk) throws SQLException {
        Map<Long, Boolean> ours = new HashMap<>();
        query("select id, change_reason = ? from population.citizen where id = any(?)",
                rs -> ours.put(rs.getLong(1), rs.getBoolean(2)), reason, chunk.liveIds());
        Map<Long, Long> firstLines = new HashMap<>();
        Long[] repeated = ours.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .toArray(Long[]::new);
        if (repeated.length > 0) {
            query("select id, min(line) from pg_temp.import_row where id = any(?) group by id",
                    rs -> firstLines.put(rs.getLong(1), rs.getLong(2)), (Object) repeated);
        }
        int dropped = 0;
        for (int i = 0; i < chunk.count(); i++) {
            Boolean fromThisFile = chunk.isDropped(i) ? null : ours.get(chunk.id(i));
            if (fromThisFile != null) {
                chunk.drop(i);
                dropped++;
                long first = firstLines.getOrDefault(chunk.id(i), -1L);
                if (fromThisFile) {
                    rejections.add(chunk.line(i), "idNumber", "idNumber.repeatedInFile",
                            duplicateInFile(chunk.id(i), first), number(chunk.id(i)), first);
                } else {
                    rejections.add(chunk.line(i), "idNumber", "idNumber.inRegistry", "duplicate personal "
                            + "identification number " + number(chunk.id(i)) + " (already in the registry)",
                            number(chunk.id(i)));
                }
            }
        }
        return dropped;
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Plain JDBC on the connection itself: the helper thread has no Spring transaction of its own. */
    private void query(String sql, RowAction action, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i] instanceof Long[] ids
                        ? connection.createArrayOf("bigint", ids) : params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        }
    }

    /**
     * Every household the file touched must have exactly one head among all its members, in the
     * file and the registry together. The file's members of one that has none, or several, are
     * rejected; when asked, they are taken out again. Returns how many rows were taken out.
     */
    private long checkHouseholds(boolean remove) {
        jdbc.sql("analyze pg_temp.import_row").update();
        jdbc.sql("""
                create temp table import_bad_household on commit drop as
                select t.household_no, count(*) filter (where c.relation_to_head = 'head') as heads
                from (select distinct household_no from pg_temp.import_row where household_no is not null) t
                join population.citizen c on c.household_no = t.household_no
                group by t.household_no
                having count(*) filter (where c.relation_to_head = 'head') <> 1""").update();
        cursor.query("""
                        select r.line, r.household_no, b.heads from pg_temp.import_row r
                        join pg_temp.import_bad_household b on b.household_no = r.household_no order by r.line""",
                rs -> {
                    long heads = rs.getLong(3);
                    if (heads == 0) {
                        rejections.add(rs.getLong(1), "householdNumber", "household.noHead", "the household "
                                + rs.getString(2) + " has no head: no member in the file or the registry has the "
                                + "relation 'head'", rs.getString(2));
                    } else {
                        rejections.add(rs.getLong(1), "householdNumber", "household.heads", "the household "
                                + rs.getString(2) + " has " + heads + " heads in the file and the registry "
                                + "together; a household has exactly one", rs.getString(2), heads);
                    }
                });
        if (!remove) {
            return 0;
        }
        return jdbc.sql("""
                        delete from population.citizen c using pg_temp.import_row r, pg_temp.import_bad_household b
                        where c.id = r.id and r.household_no = b.household_no""")
                .update();
    }

    private void progress() {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        LOG.info("Import job {}: {} rows read, {} loaded, {} rejected, {} rows/s", job, read, loaded,
                rejections.count(), Math.round(read / seconds));
    }

    private static String duplicateInFile(long id, long firstLine) {
        return "duplicate personal identification number " + number(id) + " (repeated in the file"
                + (firstLine > 0 ? ", first at line " + firstLine : "") + ")";
    }

    private static String number(long id) {
        return String.format("%012d", id);
    }
}
