package org.ketnoi.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.workflow.WorkingCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The officials' work queues: the open dossiers of their own agency in the stages their roles act
 * in (the one-stop desk: new dossiers, fees and results to return; specialists: the dossiers assigned
 * to them; leaders: those awaiting approval), soonest due first, with counts of dossiers on time,
 * nearly due (due by the end of the next working day) and late.
 */
@Service
public class Queues {

    public static final int PAGE_SIZE = 50;

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final QueueCounts kept;
    private final Clock clock = Clock.systemUTC();

    Queues(JdbcClient jdbc, WorkingCalendar calendar, QueueCounts kept) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.kept = kept;
    }

    public enum Due {
        NONE, ON_TIME, NEARLY_DUE, LATE
    }

    public record Item(String code, String procedureCode, int procedureVersion, String applicantName,
            DossierStatus status, Stage stage, Instant submittedAt, Instant dueAt, String assignee, Due due,
            int version) {
    }

    public record Counts(int total, int onTime, int nearlyDue, int late) {
    }

    public record Page(List<Item> items, Counts counts, int page, Set<Stage> stages) {
        public int pages() {
            return Math.max(1, (counts.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        }
    }

    /** The stages a caller's roles act in. */
    public static Set<Stage> stagesOf(Caller caller) {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        for (Stage s : Stage.values()) {
            if (s.role() != null && caller.hasRole(s.role())) {
                stages.add(s);
            }
        }
        return stages;
    }

    /**
     * A page of the caller's queue, optionally narrowed to one stage.
     *
     * @throws AccessDeniedException for callers without an agency or a processing role
     */
    public Page queue(Caller caller, Set<Stage> only, int page) {
        if (caller.kind() != Caller.Kind.OFFICIAL || caller.agencyId() == null) {
            throw new AccessDeniedException("Queues are for officials of an agency");
        }
        Set<Stage> stages = stagesOf(caller);
        if (only != null && !only.isEmpty()) {
            stages.retainAll(only);
        }
        if (stages.isEmpty()) {
            if (!caller.hasRole(Roles.ONE_STOP_CLERK) && !caller.hasRole(Roles.SPECIALIST)
                    && !caller.hasRole(Roles.LEADER)) {
                throw new AccessDeniedException("Queues are for one-stop clerks, specialists and leaders");
            }
            return new Page(List.of(), new Counts(0, 0, 0, 0), 0, stages);
        }
        Instant now = clock.instant();
        Instant soon = nearlyDueBoundary(now);
        String[] names = stages.stream().map(Stage::name).toArray(String[]::new);
        // specialists see the dossiers assigned to them, and unassigned ones they may take
        boolean specialistOnly = caller.hasRole(Roles.SPECIALIST) && stages.stream().allMatch(Stage::isAppraisal);
        String filter = "agency = ? and stage = any(?)" + (specialistOnly ? " and (assignee = ? or assignee is null)" : "");
        List<Object> params = new ArrayList<>(List.of(caller.agencyId(), names));
        if (specialistOnly) {
            params.add(caller.username());
        }
        Counts counts = kept.counts(
                new QueueCounts.Key(caller.agencyId(), Set.copyOf(stages), specialistOnly ? caller.username() : null),
                () -> jdbc.sql("select count(*), count(*) filter (where due_at >= ?), "
                                + "count(*) filter (where due_at >= ? and due_at < ?), count(*) filter (where due_at < ?) "
                                + "from dossier.dossier where " + filter)
                        .params(withTimes(params, soon, now, soon, now))
                        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single());
        int p = Math.max(0, page);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(PAGE_SIZE);
        pageParams.add(p * PAGE_SIZE);
        List<Item> items = jdbc.sql("select code, procedure_code, procedure_version, applicant_name, status, stage, "
                        + "submitted_at, due_at, assignee, version, paused_at from dossier.dossier where " + filter
                        + " order by due_at nulls last, submitted_at limit ? offset ?")
                .params(pageParams.toArray())
                .query((rs, n) -> {
                    Instant due = DossierTable.instant(rs, "due_at");
                    Due state = due == null || rs.getTimestamp("paused_at") != null ? Due.NONE
                            : due.isBefore(now) ? Due.LATE : due.isBefore(soon) ? Due.NEARLY_DUE : Due.ON_TIME;
                    return new Item(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            DossierStatus.of(rs.getInt(5)), Stage.valueOf(rs.getString(6)),
                            DossierTable.instant(rs, "submitted_at"), due, rs.getString("assignee"), state,
                            rs.getInt("version"));
                }).list();
        return new Page(items, counts, p, stages);
    }

    private static Object[] withTimes(List<Object> params, Instant... times) {
        List<Object> all = new ArrayList<>();
        for (Instant t : times) {
            all.add(java.sql.Timestamp.from(t));
        }
        // the count's filters come first in the statement, then the where clause
        List<Object> ordered = new ArrayList<>(all);
        ordered.addAll(params);
        return ordered.toArray();
    }

    /** Due by the end of the next working day counts as nearly due. */
    Instant nearlyDueBoundary(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, Dossiers.VIETNAM);
        return calendar.addWorkingDays(local, 1).atTime(LocalTime.of(17, 0)).atZone(Dossiers.VIETNAM).toInstant();
    }

}
