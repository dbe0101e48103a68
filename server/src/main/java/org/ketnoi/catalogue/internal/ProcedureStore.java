package org.ketnoi.catalogue.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.platform.SearchKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalogue's tables: immutable versions and the pointer to the one in force. Writes go
 * through {@link #insertFirst} and {@link #saveNext}, which never touch an existing version.
 */
@Repository
public class ProcedureStore {

    private final JdbcClient jdbc;

    public ProcedureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored version with who saved it and when. */
    public record Stored(Procedure procedure, String savedBy, Instant savedAt) {
    }

    /** Thrown when the version in force is no longer the one a change was based on. */
    public static class Stale extends RuntimeException {

        private final transient Stored current;

        public Stale(Stored current) {
            super("Version " + current.procedure().version() + " of " + current.procedure().code() + " was saved by "
                    + current.savedBy() + " at " + current.savedAt() + " in the meantime");
            this.current = current;
        }

        public Stored current() {
            return current;
        }
    }

    public static String searchKey(Procedure p) {
        return SearchKey.of(String.join(" ", p.code(), p.name().vi(), p.name().en(), p.field().vi(), p.field().en(),
                p.description().vi(), p.description().en()));
    }

    /** Every procedure's version in force. */
    public List<Stored> allCurrent() {
        return jdbc.sql("""
                        select v.code, v.version, v.document::text as document, v.saved_by, v.saved_at
                        from catalogue.procedure p
                        join catalogue.procedure_version v on v.code = p.code and v.version = p.current_version
                        order by v.code""")
                .query(ProcedureStore::stored).list();
    }

    /** Code to version in force: cheap, for noticing what other nodes saved. */
    public Map<String, Integer> currentVersions() {
        return jdbc.sql("select code, current_version from catalogue.procedure")
                .query((ResultSet rs) -> {
                    Map<String, Integer> versions = new java.util.HashMap<>();
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getInt(2));
                    }
                    return versions;
                });
    }

    public Optional<Stored> current(String code) {
        return jdbc.sql("""
                        select v.code, v.version, v.document::text as document, v.saved_by, v.saved_at
                        from catalogue.procedure p
                        join catalogue.procedure_version v on v.code = p.code and v.version = p.current_version
                        where p.code = ?""")
                .param(code).query(ProcedureStore::stored).optional();
    }

    public Optional<Stored> version(String code, int version) {
        return jdbc.sql("""
                        select code, version, document::text as document, saved_by, saved_at
                        from catalogue.procedure_version where code = ? and version = ?""")
                .params(code, version).query(ProcedureStore::stored).optional();
    }

    /** Every version's number, author and time, newest first. */
    public List<Stored> history(String code) {
        return jdbc.sql("""
                        select code, version, document::text as document, saved_by, saved_at
                        from catalogue.procedure_version where code = ? order by version desc""")
                .param(code).query(ProcedureStore::stored).list();
    }

    /**
     * Publishes version 1 unless the code exists (then nothing changes): seeds and new procedures.
     * Call inside a transaction.
     *
     * @return whether it was inserted
     */
    public boolean insertFirst(Procedure p, String savedBy) {
        int claimed = jdbc.sql("insert into catalogue.procedure(code, current_version) values (?, 1) "
                + "on conflict (code) do nothing").param(p.code()).update();
        if (claimed == 0) {
            return false;
        }
        insertVersion(p.code(), 1, p, savedBy);
        return true;
    }

    /**
     * Publishes version {@code base + 1} if {@code base} is still the version in force. Call inside a
     * transaction; the pointer's row lock orders concurrent saves.
     *
     * @throws Stale when another version was saved since {@code base}
     */
    public int saveNext(Procedure p, int base, String savedBy) {
        int next = base + 1;
        int moved = jdbc.sql("update catalogue.procedure set current_version = ? where code = ? and current_version = ?")
                .params(next, p.code(), base).update();
        if (moved == 0) {
            throw new Stale(current(p.code()).orElseThrow(
                    () -> new IllegalStateException("No procedure " + p.code() + " to change")));
        }
        insertVersion(p.code(), next, p, savedBy);
        return next;
    }

    private void insertVersion(String code, int version, Procedure p, String savedBy) {
        jdbc.sql("""
                        insert into catalogue.procedure_version(code, version, document, search_key, saved_by)
                        values (?, ?, cast(? as jsonb), ?, ?)""")
                .params(code, version, ProcedureJson.stored(p).toString(), searchKey(p), savedBy)
                .update();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        Procedure p = ProcedureJson.fromStored(ProcedureJson.JSON.readTree(rs.getString("document")),
                rs.getInt("version"));
        return new Stored(p, rs.getString("saved_by"), rs.getTimestamp("saved_at").toInstant());
    }
}
