package org.ketnoi.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ketnoi.platform.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Dossier rows and their timelines in PostgreSQL. */
@Repository
class DossierTable {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final QueueCounts queueCounts;

    DossierTable(JdbcClient jdbc, ObjectMapper json, QueueCounts queueCounts) {
        this.jdbc = jdbc;
        this.json = json;
        this.queueCounts = queueCounts;
    }

    /** @param submissionKey the applicant's idempotency key: a retried submission finds this row */
    void insert(Dossier d, UUID submissionKey) {
        jdbc.sql("""
                        insert into dossier.dossier(id, code, submission_key, procedure_code, procedure_version, applicant,
                            applicant_name, applicant_id_tail, locale, first_agency, agency, second_agency, status, stage,
                            form, fee, submitted_at, process_instance)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
                .params(d.id(), d.code(), submissionKey, d.procedureCode(), d.procedureVersion(), d.applicant(),
                        d.applicantName(), d.applicantIdTail(), d.locale(), d.firstAgency(), d.agency(),
                        d.secondAgency().orElse(null), d.status().code(), d.stage().map(Stage::name).orElse(null),
                        json.writeValueAsString(d.form()), d.fee(), ts(d.submittedAt()), d.processInstance())
                .update();
        queueCounts.changed(d);
        appendTimeline(d, 0);
    }

    /**
     * Writes the dossier's changes if nobody changed it since it was read (the version it was read
     * at), and appends its new timeline lines.
     */
    void update(Dossier d) {
        int updated = jdbc.sql("""
                        update dossier.dossier set agency = ?, status = ?, stage = ?, assignee = ?, received_at = ?, due_at = ?,
                            paused_at = ?, supplement_requested = ?, apologised_until = ?, paid_at = ?, finished_at = ?,
                            returned_at = ?, result_sha256 = ?, proposal = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(d.agency(), d.status().code(), d.stage().map(Stage::name).orElse(null), d.assignee().orElse(null),
                        ts(d.receivedAt()), ts(d.dueAt()), ts(d.pausedAt()), d.supplementRequested(),
                        ts(d.apologisedUntil()), ts(d.paidAt()), ts(d.finishedAt()), ts(d.returnedAt()),
                        d.resultSha256().orElse(null), d.proposal().orElse(null), d.id(), d.version())
                .update();
        if (updated != 1) {
            throw new Conflict("The dossier " + d.code() + " was changed by someone else meanwhile; reload it");
        }
        queueCounts.changed(d);
        int seq = jdbc.sql("select coalesce(max(seq), -1) + 1 from dossier.event where dossier_id = ?").param(d.id())
                .query(Integer.class).single();
        appendTimeline(d, seq);
    }

    private void appendTimeline(Dossier d, int firstSeq) {
        int seq = firstSeq;
        for (TimelineEntry e : d.newEntries()) {
            jdbc.sql("insert into dossier.event(dossier_id, seq, at, status, action, actor, actor_name, agency, note) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(d.id(), seq++, ts(e.at()), e.status().code(), e.action(), e.actor(), e.actorName(), e.agency(),
                            e.note())
                    .update();
        }
    }

    Optional<Dossier> byCode(String code) {
        return jdbc.sql("select * from dossier.dossier where code = ?").param(code).query(this::dossier).optional();
    }

    /** The row locked until the transaction ends: two officials acting at once act one after the other. */
    Optional<Dossier> byCodeForUpdate(String code) {
        return jdbc.sql("select * from dossier.dossier where code = ? for update").param(code).query(this::dossier)
                .optional();
    }

    Optional<String> codeOfSubmission(UUID key) {
        return jdbc.sql("select code from dossier.dossier where submission_key = ?").param(key).query(String.class)
                .optional();
    }

    List<TimelineEntry> timeline(UUID id) {
        return jdbc.sql("select * from dossier.event where dossier_id = ? order by seq").param(id)
                .query((rs, n) -> new TimelineEntry(rs.getTimestamp("at").toInstant(),
                        DossierStatus.of(rs.getInt("status")), rs.getString("action"), rs.getString("actor"),
                        rs.getString("actor_name"), rs.getString("agency"), rs.getString("note")))
                .list();
    }

    Dossier dossier(ResultSet rs, int row) throws SQLException {
        String stage = rs.getString("stage");
        return new Dossier(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("procedure_code"),
                rs.getInt("procedure_version"), rs.getString("applicant"), rs.getString("applicant_name"),
                rs.getString("applicant_id_tail"), rs.getString("locale"), rs.getString("first_agency"),
                rs.getString("second_agency"), rs.getString("agency"), DossierStatus.of(rs.getInt("status")),
                stage == null ? null : Stage.valueOf(stage), rs.getString("assignee"),
                json.readTree(rs.getString("form")), rs.getLong("fee"), instant(rs, "submitted_at"),
                instant(rs, "received_at"), instant(rs, "due_at"), instant(rs, "paused_at"),
                rs.getBoolean("supplement_requested"), instant(rs, "apologised_until"), instant(rs, "paid_at"),
                instant(rs, "finished_at"), instant(rs, "returned_at"), rs.getString("result_sha256"),
                rs.getString("process_instance"), rs.getInt("version"), rs.getString("proposal"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Timestamp ts(Optional<Instant> i) {
        return i.map(Timestamp::from).orElse(null);
    }
}
