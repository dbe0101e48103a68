package org.ketnoi.dossier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Dossiers being prepared: the form as far as it is filled in and the files attached so far, saved
 * whenever the applicant asks, and kept until they submit or discard it.
 */
@Service
public class Drafts {

    private static final TypeReference<Map<String, List<String>>> FILES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Drafts(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Draft(UUID id, String procedureCode, int procedureVersion, JsonNode form,
            Map<String, List<String>> attachments, UUID submissionKey, Instant updatedAt) {
    }

    /** Saves the draft (a new one when {@code id} is null) and returns its id. */
    public UUID save(UUID id, Procedure p, JsonNode form, Map<String, List<String>> attachments, UUID submissionKey,
            Caller caller) {
        UUID draft = id == null ? UUID.randomUUID() : id;
        int updated = jdbc.sql("""
                        insert into dossier.draft(id, account, procedure_code, procedure_version, form, attachments, submission_key)
                        values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                        on conflict (id) do update set form = excluded.form, attachments = excluded.attachments,
                            updated_at = now()
                        where dossier.draft.account = excluded.account""")
                .params(draft, caller.username(), p.code(), p.version(), json.writeValueAsString(form),
                        json.writeValueAsString(new LinkedHashMap<>(attachments)), submissionKey)
                .update();
        if (updated != 1) {
            throw new NotFound("draft", draft, "No draft " + draft + " of yours");
        }
        return draft;
    }

    public Optional<Draft> find(UUID id, Caller caller) {
        return jdbc.sql("select * from dossier.draft where id = ? and account = ?").params(id, caller.username())
                .query((rs, n) -> new Draft(rs.getObject("id", UUID.class), rs.getString("procedure_code"),
                        rs.getInt("procedure_version"), json.readTree(rs.getString("form")),
                        json.readValue(rs.getString("attachments"), FILES), rs.getObject("submission_key", UUID.class),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    public List<Draft> mine(Caller caller) {
        return jdbc.sql("select * from dossier.draft where account = ? order by updated_at desc limit 50")
                .param(caller.username())
                .query((rs, n) -> new Draft(rs.getObject("id", UUID.class), rs.getString("procedure_code"),
                        rs.getInt("procedure_version"), json.readTree(rs.getString("form")),
                        json.readValue(rs.getString("attachments"), FILES), rs.getObject("submission_key", UUID.class),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    public void discard(UUID id, Caller caller) {
        jdbc.sql("delete from dossier.draft where id = ? and account = ?").params(id, caller.username()).update();
    }

    /** The draft a submission came from is spent once the dossier exists. */
    public void submitted(UUID submissionKey, Caller caller) {
        jdbc.sql("delete from dossier.draft where submission_key = ? and account = ?")
                .params(submissionKey, caller.username()).update();
    }

    /** Names of this applicant's uploads, by hash (for showing the files a form keeps). */
    public Map<String, String> uploadNames(Caller caller, java.util.Collection<String> hashes) {
        Map<String, String> names = new LinkedHashMap<>();
        if (hashes.isEmpty()) {
            return names;
        }
        jdbc.sql("select sha256, name from dossier.upload where account = ? and sha256 = any(?)")
                .params(caller.username(), hashes.toArray(String[]::new))
                .query((java.sql.ResultSet rs) -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }
}
