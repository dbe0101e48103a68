package org.ketnoi.dossier;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ketnoi.identity.Accounts;
import org.ketnoi.notify.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns the specialist in charge, in their portal inbox, when a dossier's appointment is by the end of
 * the next working day, once per appointment (an apology's new date is warned of again).
 */
@Component
@org.springframework.scheduling.annotation.EnableScheduling
class DeadlineWarnings {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private final JdbcClient jdbc;
    private final Queues queues;
    private final Accounts accounts;
    private final Inbox inbox;

    DeadlineWarnings(JdbcClient jdbc, Queues queues, Accounts accounts, Inbox inbox) {
        this.jdbc = jdbc;
        this.queues = queues;
        this.accounts = accounts;
        this.inbox = inbox;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${ketnoi.dossier.warning-interval:PT15M}")
    @Transactional
    public int warn() {
        Instant soon = queues.nearlyDueBoundary(Instant.now());
        var due = jdbc.sql("""
                        select id, code, procedure_code, assignee, coalesce(apologised_until, due_at) due
                        from dossier.dossier
                        where stage is not null and stage <> 'SUPPLEMENT' and assignee is not null
                          and coalesce(apologised_until, due_at) < ?
                          and warned_at is null
                        limit 500 for update skip locked""")
                .param(java.sql.Timestamp.from(soon))
                .query((rs, n) -> new Object[] {rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()})
                .list();
        for (Object[] d : due) {
            accounts.byUsername((String) d[3]).ifPresent(a -> {
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("code", d[1]);
                model.put("procedure", d[2]);
                model.put("due", WHEN.format(((Instant) d[4]).atZone(Dossiers.VIETNAM)));
                inbox.post(a.id().toString(), "dossier-deadline", model, "/desk/dossiers/" + d[1]);
            });
            jdbc.sql("update dossier.dossier set warned_at = now() where id = ?").param(d[0]).update();
        }
        return due.size();
    }
}
