package org.ketnoi.dossier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Lists of dossiers: an applicant's own, and the public status lookup by code. */
@Service
public class DossierList {

    /** After this many wrong second factors for one code, lookups of it pause for {@link #LOCK_MINUTES}. */
    static final int MAX_FAILURES = 5;
    static final int LOCK_MINUTES = 15;

    private final JdbcClient jdbc;
    private final DossierTable table;

    DossierList(JdbcClient jdbc, DossierTable table) {
        this.jdbc = jdbc;
        this.table = table;
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
            Instant submittedAt, Instant dueAt, List<Step> steps) {
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
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public TrackResult track(String code, String idTail) {
        String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (c.isEmpty() || c.length() > 60) {
            return new TrackResult(Lookup.NO_MATCH, Optional.empty());
        }
        Integer failures = jdbc.sql("select failures from dossier.lookup_failure where code = ? "
                        + "and last_at > now() - make_interval(mins => ?)")
                .params(c, LOCK_MINUTES).query(Integer.class).optional().orElse(0);
        if (failures >= MAX_FAILURES) {
            return new TrackResult(Lookup.PAUSED, Optional.empty());
        }
        Optional<Dossier> d = table.byCode(c)
                .filter(x -> x.applicantIdTail() != null && x.applicantIdTail().equals(idTail == null ? "" : idTail.strip()));
        if (d.isEmpty()) {
            jdbc.sql("""
                            insert into dossier.lookup_failure(code, failures, last_at) values (?, 1, now())
                            on conflict (code) do update set
                              failures = case when dossier.lookup_failure.last_at > now() - make_interval(mins => ?)
                                              then dossier.lookup_failure.failures + 1 else 1 end,
                              last_at = now()""")
                    .params(c, LOCK_MINUTES).update();
            return new TrackResult(Lookup.NO_MATCH, Optional.empty());
        }
        Dossier x = d.get();
        List<Step> steps = table.timeline(x.id()).stream()
                .map(e -> new Step(e.at(), e.status(), e.action())).toList();
        return new TrackResult(Lookup.FOUND, Optional.of(new Tracked(x.code(), x.procedureCode(), x.procedureVersion(),
                x.agency(), x.status(), x.submittedAt(), x.effectiveDue(), steps)));
    }
}
