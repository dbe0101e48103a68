package org.ketnoi.dossier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Lists of dossiers: an applicant's own, and the public status lookup by code. */
@Service
public class DossierList {

    /** After this many wrong second factors for one code, lookups of it pause for {@link #LOCK_MINUTES}. */
    static final int MAX_FAILURES = 5;
    static final int LOCK_MINUTES = 15;

    private final JdbcClient jdbc;

    DossierList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Summary(String code, String procedureCode, int procedureVersion, DossierStatus status,
            Instant submittedAt, Instant dueAt) {
    }

    public List<Summary> ofApplicant(String applicant) {
        return jdbc.sql("select code, procedure_code, procedure_version, status, submitted_at, coalesce(apologised_until, due_at) due "
                        + "from dossier.dossier where applicant = ? order by submitted_at desc limit 100")
                .param(applicant)
                .query((rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getInt(3),
                        DossierStatus.of(rs.getInt(4)), DossierTable.instant(rs, "submitted_at"),
                        DossierTable.instant(rs, "due")))
                .list();
    }

    /** What the public lookup shows: no name, no form, no files; the steps and their dates. */
    public record Tracked(String code, String procedureCode, int procedureVersion, String agency, DossierStatus status,
            Instant submittedAt, Instant dueAt, List<Step> steps, int version) {

        Tracked withSteps(List<Step> all) {
            return new Tracked(code, procedureCode, procedureVersion, agency, status, submittedAt, dueAt, all, version);
        }
    }

    public record Step(Instant at, DossierStatus status, String action) {
    }

    public enum Lookup {
        FOUND, NO_MATCH, PAUSED
    }

    public record TrackResult(Lookup outcome, Optional<Tracked> dossier) {
    }

    /**
     * Looks a dossier up by its code and the last four digits of its applicant's ID number. Unknown
     * codes and wrong digits get the same answer; repeated wrong guesses pause the code's lookups.
     */
    // No transaction: the pause check and the dossier come in one statement, the failure count is one
    // atomic upsert, and the page is the busiest anonymous one (three statements and a transaction
    // were most of its time).
    public TrackResult track(String code, String idTail) {
        String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (c.isEmpty() || c.length() > 60) {
            return new TrackResult(Lookup.NO_MATCH, Optional.empty());
        }
        record Row(int failures, UUID id, String idTail, Tracked tracked) {
        }
        Row row = jdbc.sql("""
                        select coalesce((select failures from dossier.lookup_failure
                                         where code = ? and last_at > now() - make_interval(mins => ?)), 0) failures,
                               d.id, d.applicant_id_tail, d.code, d.procedure_code, d.procedure_version, d.agency,
                               d.status, d.submitted_at, d.version, d.due_at, d.apologised_until
                        from (select 1) one left join dossier.dossier d on d.code = ?""")
                .params(c, LOCK_MINUTES, c)
                .query((rs, n) -> new Row(rs.getInt("failures"), rs.getObject("id", UUID.class),
                        rs.getString("applicant_id_tail"), rs.getString("code") == null ? null
                                : new Tracked(rs.getString("code"), rs.getString("procedure_code"),
                                        rs.getInt("procedure_version"), rs.getString("agency"),
                                        DossierStatus.of(rs.getInt("status")), DossierTable.instant(rs, "submitted_at"),
                                        Dossier.appointment(DossierTable.instant(rs, "due_at"),
                                                DossierTable.instant(rs, "apologised_until")),
                                        List.of(), rs.getInt("version"))))
                .single();
        if (row.failures() >= MAX_FAILURES) {
            return new TrackResult(Lookup.PAUSED, Optional.empty());
        }
        if (row.tracked() == null || row.idTail() == null || !row.idTail().equals(idTail == null ? "" : idTail.strip())) {
            jdbc.sql("""
                            insert into dossier.lookup_failure(code, failures, last_at) values (?, 1, now())
                            on conflict (code) do update set
                              failures = case when dossier.lookup_failure.last_at > now() - make_interval(mins => ?)
                                              then dossier.lookup_failure.failures + 1 else 1 end,
                              last_at = now()""")
                    .params(c, LOCK_MINUTES).update();
            return new TrackResult(Lookup.NO_MATCH, Optional.empty());
        }
        List<Step> steps = jdbc.sql("select at, status, action from dossier.event where dossier_id = ? order by seq")
                .param(row.id())
                .query((rs, n) -> new Step(rs.getTimestamp("at").toInstant(), DossierStatus.of(rs.getInt("status")),
                        rs.getString("action")))
                .list();
        return new TrackResult(Lookup.FOUND, Optional.of(row.tracked().withSteps(steps)));
    }
}
