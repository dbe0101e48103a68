package org.ketnoi.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.catalogue.Forms;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.catalogue.ProcedureCatalogue.FormProblem;
import org.ketnoi.dossier.files.AttachmentStore;
import org.ketnoi.dossier.result.ResultDocuments;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.ketnoi.workflow.WorkingCalendar;
import org.ketnoi.workflow.Workflows;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dossiers from submission to result: what applicants and officials do with them. Each action is one
 * transaction holding the dossier's row, its process step, its timeline line, the mail and inbox
 * message to the applicant and the audit entry: all of it happens, or none.
 */
@Service
public class Dossiers {

    /** Officials and applicants in Vietnam keep Vietnam's time; dates and working days are counted in it. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Dossier.Actor SYSTEM = new Dossier.Actor("system:dossier", "Hệ thống Ketnoi", null);

    private final DossierTable table;
    private final DossierCodes codes;
    private final Workflows workflows;
    private final Deadlines deadlines;
    private final ProcedureCatalogue catalogue;
    private final Accounts accounts;
    private final AgencyDirectory agencies;
    private final AdministrativeUnits units;
    private final AuditTrail audit;
    private final AttachmentStore files;
    private final ResultDocuments results;
    private final DossierNotices notices;
    private final TransactionTemplate tx;
    /** For what must be kept although the action's own transaction rolls back (refusals in the audit trail). */
    private final TransactionTemplate separately;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<String, String> communeProvinces;

    Dossiers(DossierTable table, DossierCodes codes, Workflows workflows, WorkingCalendar calendar,
            ProcedureCatalogue catalogue, Accounts accounts, AgencyDirectory agencies, AdministrativeUnits units,
            AuditTrail audit, AttachmentStore files, ResultDocuments results, DossierNotices notices,
            TransactionTemplate tx, JdbcClient jdbc) {
        this.table = table;
        this.codes = codes;
        this.workflows = workflows;
        this.deadlines = new Deadlines(calendar);
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.agencies = agencies;
        this.units = units;
        this.audit = audit;
        this.files = files;
        this.results = results;
        this.notices = notices;
        this.tx = tx;
        this.separately = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.separately.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** A receipt: the dossier code to follow it by. {@code repeated} when the submission had been made before. */
    public record Receipt(String code, Instant submittedAt, String agency, DossierStatus status, boolean repeated) {
    }

    // ------------------------------------------------------------------ applicants

    /**
     * Submits a dossier and starts its process. Idempotent: the same submission key gives the same
     * dossier, however often it is sent. Durable when it returns.
     *
     * @throws FormRefused when the form or the attachments break the procedure's rules
     */
    public Receipt submit(Submission s, Caller caller) {
        requireApplicant(caller);
        Optional<Receipt> earlier = repeated(s.submissionKey(), caller);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Procedure p = catalogue.current(s.procedureCode())
                .orElseThrow(() -> new NotFound("procedure", s.procedureCode(), "No procedure has the code "
                        + s.procedureCode()));
        List<FormProblem> problems = new ArrayList<>(catalogue.validate(p, s.form()));
        problems.addAll(attachmentProblems(p, s.attachments(), caller));
        if (!problems.isEmpty()) {
            throw new FormRefused(problems);
        }
        Account account = accounts.byUsername(caller.username())
                .orElseThrow(() -> new AccessDeniedException("No account " + caller.username()));
        String applicantNumber = s.form().path("applicant").path("idNumber").asString("");
        if (account.idNumber() != null && !account.idNumber().equals(applicantNumber)) {
            // the applicant block is the signed-in person, as the registry knows them
            throw new FormRefused(List.of(new FormProblem("applicant.idNumber", "applicant",
                    "The applicant's ID number must be that of the signed-in account")));
        }
        String[] handling = handlingAgencies(p, s.form());
        try {
            return tx.execute(status -> {
                Instant now = clock.instant();
                UUID id = UUID.randomUUID();
                String process = workflows.start(p.processKey(), id.toString());
                String code = codes.next(handling[0], LocalDate.ofInstant(now, VIETNAM));
                String tail = account.idNumber() == null ? null
                        : account.idNumber().substring(account.idNumber().length() - 4);
                Dossier d = Dossier.submitted(id, code, p.code(), p.version(), applicant(caller), tail,
                        s.locale() == null ? "vi" : s.locale().getLanguage(), handling[0], handling[1], s.form(),
                        p.totalFee(), now, process);
                table.insert(d, s.submissionKey());
                insertAttachments(id, s.attachments(), caller, now, 0);
                notices.statusChanged(d, p, account, d.newEntries().getLast());
                return new Receipt(code, now, handling[0], d.status(), false);
            });
        } catch (DuplicateKeyException e) {
            // the same submission, sent again while the first was being saved
            return repeated(s.submissionKey(), caller).orElseThrow(() -> e);
        }
    }

    private Optional<Receipt> repeated(UUID key, Caller caller) {
        return table.codeOfSubmission(key).flatMap(table::byCode).map(d -> {
            if (!d.applicant().equals(caller.username())) {
                throw new DossierRefused("keyReused", "This submission key was used by another applicant; make a new form");
            }
            return new Receipt(d.code(), d.submittedAt(), d.firstAgency(), d.status(), true);
        });
    }

    private List<FormProblem> attachmentProblems(Procedure p, Map<String, List<String>> attached, Caller caller) {
        List<FormProblem> problems = new ArrayList<>();
        for (String key : attached.keySet()) {
            if (p.components().stream().noneMatch(c -> c.key().equals(key))) {
                problems.add(new FormProblem("attachments." + key, "component",
                        "The procedure has no dossier component " + key));
            }
        }
        for (Procedure.Component c : p.components()) {
            List<String> given = attached.getOrDefault(c.key(), List.of());
            if (c.required() && !c.fromRegistry() && given.isEmpty()) {
                problems.add(new FormProblem("attachments." + c.key(), "attachment.required",
                        "Attach " + c.name().en()));
            }
            for (String sha : given) {
                if (!ownUpload(caller, sha)) {
                    problems.add(new FormProblem("attachments." + c.key(), "attachment.unknown",
                            "No file " + sha + " was uploaded by this applicant"));
                }
            }
        }
        return problems;
    }

    private boolean ownUpload(Caller caller, String sha) {
        return jdbc.sql("select count(*) from dossier.upload where account = ? and sha256 = ?")
                .params(caller.username(), sha).query(Integer.class).single() == 1;
    }

    private void insertAttachments(UUID dossier, Map<String, List<String>> attached, Caller caller, Instant at,
            int round) {
        attached.forEach((component, shas) -> shas.forEach(sha -> jdbc.sql("""
                        insert into dossier.attachment(dossier_id, component, sha256, name, media_type, size, added_at, round)
                        select ?, ?, sha256, name, media_type, size, ?, ? from dossier.upload where account = ? and sha256 = ?
                        on conflict do nothing""")
                .params(dossier, component, DossierTable.ts(at), round, caller.username(), sha).update()));
    }

    /**
     * Records an upload of this applicant (already stored on disk by content) so their dossiers may
     * refer to it.
     */
    public AttachmentStore.StoredFile upload(java.io.InputStream content, String name, Caller caller) {
        requireApplicant(caller);
        AttachmentStore.StoredFile f = files.store(content, name);
        jdbc.sql("""
                        insert into dossier.upload(account, sha256, name, media_type, size) values (?, ?, ?, ?, ?)
                        on conflict (account, sha256) do update set name = excluded.name""")
                .params(caller.username(), f.sha256(), f.name(), f.mediaType(), f.size()).update();
        return f;
    }

    /** The applicant answers a supplement request with more files and a note. */
    public DossierView supplement(String code, int version, Map<String, List<String>> attached, String note,
            Caller caller) {
        requireApplicant(caller);
        return act(code, version, caller, "supplement", d -> {
            requireOwn(d, caller);
            Procedure p = procedureOf(d);
            List<FormProblem> problems = new ArrayList<>();
            for (String key : attached.keySet()) {
                if (p.components().stream().noneMatch(c -> c.key().equals(key))) {
                    problems.add(new FormProblem("attachments." + key, "component", "No component " + key));
                }
            }
            attached.values().stream().flatMap(List::stream).filter(sha -> !ownUpload(caller, sha))
                    .forEach(sha -> problems.add(new FormProblem("attachments", "attachment.unknown", "Unknown file " + sha)));
            if (attached.values().stream().allMatch(List::isEmpty) && (note == null || note.isBlank())) {
                problems.add(new FormProblem("attachments", "attachment.required",
                        "Attach the documents asked for, or explain in the note"));
            }
            if (!problems.isEmpty()) {
                throw new FormRefused(problems);
            }
            Instant now = clock.instant();
            Instant newDue = d.pausedAt().map(paused -> deadlines.extended(d.dueAt().orElseThrow(), paused, now)).orElse(null);
            d.supplied(applicant(caller), now, newDue, note);
            insertAttachments(d.id(), attached, caller, now, 1);
            String from = d.receivedAt().isEmpty() ? "reception"
                    : d.secondAgency().isPresent() && d.agency().equals(d.secondAgency().get()) ? "secondAppraisal"
                    : "appraisal";
            return Map.of("supplementFrom", from);
        });
    }

    /** The applicant withdraws the dossier (status 7); its process ends. */
    public DossierView withdraw(String code, int version, String reason, Caller caller) {
        requireApplicant(caller);
        return inTransaction(() -> {
            Dossier d = locked(code, version);
            requireOwn(d, caller);
            Instant now = clock.instant();
            d.withdraw(applicant(caller), now, reason);
            workflows.cancel(d.processInstance(), "withdrawn by the applicant");
            table.update(d);
            notices.statusChanged(d, procedureOf(d), account(d), d.newEntries().getLast());
            return view(d.code());
        });
    }

    /** Decision 766's satisfaction rating, once, when the dossier has ended. */
    public void rate(String code, Rating rating, Caller caller) {
        requireApplicant(caller);
        inTransaction(() -> {
            Dossier d = table.byCode(code).orElseThrow(() -> notFound(code));
            requireOwn(d, caller);
            if (d.status() != DossierStatus.RESULT_RETURNED && d.status() != DossierStatus.REFUSED
                    && d.status() != DossierStatus.STOPPED) {
                throw new DossierRefused("rateNotYet", "The dossier " + code + " can be rated once it has ended", code);
            }
            try {
                jdbc.sql("""
                                insert into dossier.rating(dossier_id, overall, timeliness, attitude, contacts, comment, rated_at)
                                values (?, ?, ?, ?, ?, ?, now())""")
                        .params(d.id(), rating.overall(), rating.timeliness(), rating.attitude(), rating.contacts(),
                                rating.comment()).update();
            } catch (DuplicateKeyException e) {
                throw new DossierRefused("rated", "The dossier " + code + " has already been rated", code);
            }
            return null;
        });
    }

    /** The result document, for the applicant (or an official of an agency that handled the dossier). */
    public java.io.InputStream result(String code, Caller caller) {
        Dossier d = table.byCode(code).orElseThrow(() -> notFound(code));
        requireReader(d, caller);
        if (d.resultSha256().isEmpty() || (caller.kind() == Caller.Kind.CITIZEN
                && d.status() != DossierStatus.RESULT_RETURNED)) {
            throw new DossierRefused("noResult", "The dossier " + code + " has no result to download yet", code);
        }
        return files.open(d.resultSha256().get());
    }

    public java.io.InputStream attachment(String code, String sha256, Caller caller) {
        Dossier d = table.byCode(code).orElseThrow(() -> notFound(code));
        requireReader(d, caller);
        boolean belongs = jdbc.sql("select count(*) from dossier.attachment where dossier_id = ? and sha256 = ?")
                .params(d.id(), sha256).query(Integer.class).single() > 0;
        if (!belongs) {
            throw new NotFound("attachment", sha256, "The dossier has no such attachment");
        }
        return files.open(sha256);
    }

    // ------------------------------------------------------------------ officials

    /** The one-stop desk receives the dossier: appointment date in working days, a specialist assigned. */
    public DossierView accept(String code, int version, String specialist, Caller caller) {
        return act(code, version, caller, "accept", d -> {
            requireStage(d, Stage.RECEPTION, caller);
            Procedure p = procedureOf(d);
            String assignee = chooseSpecialist(d.agency(), specialist);
            Instant now = clock.instant();
            d.accept(official(caller), now, deadlines.appointment(now, p.processingTime()), assignee);
            return Map.of("decision", "accept", "fee", d.fee());
        });
    }

    public DossierView requestSupplement(String code, int version, String completeList, Caller caller) {
        requireText(completeList, "completeList", "List every document the applicant must add");
        return act(code, version, caller, "request-supplement", d -> {
            Stage s = d.stage().orElseThrow(() -> refusedNow(d));
            if (s != Stage.RECEPTION && !s.isAppraisal()) {
                throw refusedNow(d);
            }
            requireStage(d, s, caller);
            d.requestSupplement(official(caller), clock.instant(), completeList);
            return Map.of("decision", "supplement");
        });
    }

    public DossierView refuse(String code, int version, String reasons, Caller caller) {
        requireText(reasons, "reasons", "Give the reasons for refusing the dossier");
        return act(code, version, caller, "refuse", d -> {
            requireStage(d, Stage.RECEPTION, caller);
            d.refuse(official(caller), clock.instant(), reasons);
            return Map.of("decision", "refuse");
        });
    }

    /** A payment made at the counter (online payment arrives with the payments module). */
    public DossierView recordPayment(String code, int version, String receipt, Caller caller) {
        requireText(receipt, "receipt", "Give the receipt number of the payment");
        return act(code, version, caller, "record-payment", d -> {
            requireStage(d, Stage.PAYMENT, caller);
            d.recordPayment(official(caller), clock.instant(), receipt);
            return Map.of();
        });
    }

    /** @param proposal {@code result} (grant) or {@code stop} (ineligible: processing stops, status 8) */
    public DossierView appraise(String code, int version, String proposal, String note, Caller caller) {
        if (!"result".equals(proposal) && !"stop".equals(proposal)) {
            throw new InvalidInput("proposal", "A proposal is 'result' or 'stop', not '" + proposal + "'", proposal);
        }
        if ("stop".equals(proposal)) {
            requireText(note, "note", "Give the reasons to stop processing");
        }
        return act(code, version, caller, "appraise", d -> {
            Stage s = d.stage().filter(Stage::isAppraisal).orElseThrow(() -> refusedNow(d));
            requireStage(d, s, caller);
            d.propose(official(caller), clock.instant(), proposal, note);
            return Map.of("decision", "propose");
        });
    }

    public DossierView approve(String code, int version, String note, Caller caller) {
        return act(code, version, caller, "approve", d -> {
            Stage s = d.stage().filter(Stage::isApproval).orElseThrow(() -> refusedNow(d));
            requireStage(d, s, caller);
            d.approve(official(caller), clock.instant(), note);
            return Map.of("decision", "approve", "proposal", d.proposal().orElse("result"));
        });
    }

    public DossierView returnForRevision(String code, int version, String note, Caller caller) {
        requireText(note, "note", "Say what the specialist must revise");
        return act(code, version, caller, "return-for-revision", d -> {
            Stage s = d.stage().filter(Stage::isApproval).orElseThrow(() -> refusedNow(d));
            requireStage(d, s, caller);
            d.returnForRevision(official(caller), clock.instant(), note);
            return Map.of("decision", "return");
        });
    }

    /** The one-stop desk hands the result over (status 10); full-process online results return themselves. */
    public DossierView returnResult(String code, int version, Caller caller) {
        return act(code, version, caller, "return-result", d -> {
            requireStage(d, Stage.RETURN_RESULT, caller);
            d.returnResult(official(caller), clock.instant());
            return Map.of();
        });
    }

    /** The apology letter with a new date, which a late dossier needs before it goes on. */
    public DossierView apologise(String code, int version, LocalDate newDate, String letter, Caller caller) {
        requireText(letter, "letter", "Write the apology letter");
        if (newDate == null) {
            throw new InvalidInput("newDate", "Give the new appointment date");
        }
        return inTransaction(() -> {
            Dossier d = locked(code, version);
            Stage s = d.stage().orElseThrow(() -> refusedNow(d));
            if (s == Stage.SUPPLEMENT || caller.kind() != Caller.Kind.OFFICIAL || !d.agency().equals(caller.agencyId())) {
                throw denied(d, caller, "apologise");
            }
            Instant now = clock.instant();
            d.apologise(official(caller), now, newDate.atTime(Deadlines.CLOSING).atZone(VIETNAM).toInstant(), letter);
            table.update(d);
            notices.statusChanged(d, procedureOf(d), account(d), d.newEntries().getLast());
            audit(caller, "dossier.apologise", d);
            return view(d.code());
        });
    }

    // ------------------------------------------------------------------ reading

    public DossierView view(String code) {
        Dossier d = table.byCode(code).orElseThrow(() -> notFound(code));
        return new DossierView(d, procedureOf(d), table.timeline(d.id()), attachments(d.id()), rated(d.id()));
    }

    /** A dossier as its applicant or an official of an agency handling it may see it. */
    public DossierView view(String code, Caller caller) {
        Dossier d = table.byCode(code).orElseThrow(() -> notFound(code));
        requireReader(d, caller);
        return new DossierView(d, procedureOf(d), table.timeline(d.id()), attachments(d.id()), rated(d.id()));
    }

    private List<DossierView.Attachment> attachments(UUID id) {
        return jdbc.sql("select * from dossier.attachment where dossier_id = ? order by added_at, component, name")
                .param(id).query((rs, n) -> new DossierView.Attachment(rs.getString("component"), rs.getString("sha256"),
                        rs.getString("name"), rs.getString("media_type"), rs.getLong("size"), rs.getInt("round")))
                .list();
    }

    private boolean rated(UUID id) {
        return jdbc.sql("select count(*) from dossier.rating where dossier_id = ?").param(id).query(Integer.class)
                .single() > 0;
    }

    // ------------------------------------------------------------------ the machinery of an action

    /**
     * One official's or applicant's step: lock the row, check the version the form was made from, let
     * the aggregate change, complete the process step with the decision, follow the process to its
     * next step, save, tell the applicant, audit.
     */
    private DossierView act(String code, int version, Caller caller, String action,
            Function<Dossier, Map<String, Object>> change) {
        return inTransaction(() -> {
            Dossier d = locked(code, version);
            Stage from = d.stage().orElseThrow(() -> refusedNow(d));
            Map<String, Object> decision = change.apply(d);
            Optional<Stage> next = workflows.complete(d.processInstance(), from.step(), decision).map(Stage::ofStep);
            Dossier.Actor actor = caller.kind() == Caller.Kind.CITIZEN ? applicant(caller) : official(caller);
            d.moveTo(next, endedAs(action, d), clock.instant(), actor);
            Procedure p = procedureOf(d);
            if (next.filter(s -> s == Stage.RETURN_RESULT).isPresent() && d.resultSha256().isEmpty()) {
                issueResult(d, p, caller);
                if (p.onlineMode() == Procedure.OnlineMode.FULL) {
                    // a full-process online service returns its result online, at once (Decree 42/2022)
                    d.returnResult(SYSTEM, clock.instant());
                    Optional<Stage> after = workflows.complete(d.processInstance(), Stage.RETURN_RESULT.step(), Map.of())
                            .map(Stage::ofStep);
                    d.moveTo(after, DossierStatus.RESULT_RETURNED, clock.instant(), SYSTEM);
                }
            }
            table.update(d);
            Account account = account(d);
            for (TimelineEntry e : d.newEntries()) {
                notices.statusChanged(d, p, account, e);
            }
            if (caller.kind() == Caller.Kind.OFFICIAL) {
                audit(caller, "dossier." + action, d);
            }
            return view(d.code());
        });
    }

    private static DossierStatus endedAs(String action, Dossier d) {
        return switch (action) {
            case "refuse" -> DossierStatus.REFUSED;
            case "approve" -> "stop".equals(d.proposal().orElse(null)) ? DossierStatus.STOPPED
                    : DossierStatus.RESULT_RETURNED;
            default -> DossierStatus.RESULT_RETURNED;
        };
    }

    private void issueResult(Dossier d, Procedure p, Caller leader) {
        Instant now = clock.instant();
        var agency = agencies.agency(new AgencyId(d.firstAgency()));
        String superior = agency.parent().flatMap(agencies::find).map(a -> a.name()).orElse("");
        String place = agency.province().map(pc -> units.province(pc).name()).orElse("Hà Nội");
        List<String> lines = p.result().lines().stream().map(l -> Forms.fill(l.vi(), d.form())).toList();
        byte[] pdf = results.render(new org.ketnoi.dossier.result.ResultContent(superior, agency.name(), place,
                LocalDate.ofInstant(now, VIETNAM), d.code().substring(d.code().lastIndexOf('-') + 1) + "/"
                        + LocalDate.ofInstant(now, VIETNAM).getYear(),
                p.result().title().vi(), lines, "Chủ tịch", leader.displayName(), d.code()));
        AttachmentStore.StoredFile f = files.store(new java.io.ByteArrayInputStream(pdf), d.code() + ".pdf");
        d.issueResult(now, f.sha256());
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    private Dossier locked(String code, int version) {
        Dossier d = table.byCodeForUpdate(code).orElseThrow(() -> notFound(code));
        if (d.version() != version) {
            List<TimelineEntry> t = table.timeline(d.id());
            TimelineEntry last = t.getLast();
            String when = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy")
                    .format(LocalDateTime.ofInstant(last.at(), VIETNAM));
            throw new DossierRefused("stale", "The dossier " + code + " changed after this page was opened: "
                    + last.actorName() + " (" + last.action() + ") at " + when + ". Reload it and check before acting",
                    code, last.actorName(), when);
        }
        return d;
    }

    private void requireStage(Dossier d, Stage expected, Caller caller) {
        Stage s = d.stage().orElseThrow(() -> refusedNow(d));
        if (s != expected) {
            throw refusedNow(d);
        }
        if (caller.kind() != Caller.Kind.OFFICIAL || !d.agency().equals(caller.agencyId())
                || !caller.hasRole(s.role())) {
            throw denied(d, caller, s.step());
        }
        if (s.isAppraisal() && d.assignee().isPresent() && !d.assignee().get().equals(caller.username())) {
            throw denied(d, caller, s.step() + " (assigned to another specialist)");
        }
    }

    private AccessDeniedException denied(Dossier d, Caller caller, String what) {
        // refusals are audited in a transaction of their own: the action's own rolls back
        separately.executeWithoutResult(status -> audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(),
                "dossier." + what, "dossier:" + d.code(), AuditTrail.Outcome.REFUSED)));
        return new AccessDeniedException(caller.username() + " may not act on the dossier " + d.code() + " (" + what
                + ")");
    }

    private void requireReader(Dossier d, Caller caller) {
        boolean own = caller.kind() == Caller.Kind.CITIZEN && d.applicant().equals(caller.username());
        boolean handling = caller.kind() == Caller.Kind.OFFICIAL && (d.firstAgency().equals(caller.agencyId())
                || d.secondAgency().filter(caller.agencyId()::equals).isPresent());
        if (!own && !handling) {
            throw new NotFound("dossier", d.code(), "No dossier " + d.code() + " of yours");
        }
    }

    private static void requireOwn(Dossier d, Caller caller) {
        if (!d.applicant().equals(caller.username())) {
            throw new NotFound("dossier", d.code(), "No dossier " + d.code() + " of yours");
        }
    }

    private static void requireApplicant(Caller caller) {
        if (caller == null || caller.kind() != Caller.Kind.CITIZEN) {
            throw new AccessDeniedException("Only citizens and businesses submit and follow dossiers");
        }
    }

    private static void requireText(String text, String field, String message) {
        if (text == null || text.isBlank()) {
            throw InvalidInput.because("required", field, message);
        }
        if (text.length() > 4000) {
            throw InvalidInput.because("tooLong", field, "At most 4,000 characters", 4000);
        }
    }

    private DossierRefused refusedNow(Dossier d) {
        return new DossierRefused("notNow", "The dossier " + d.code() + " is in status " + d.status().code() + " ("
                + d.status().label(Locale.ENGLISH) + "); this action is not possible now", d.code(), d.status());
    }

    private NotFound notFound(String code) {
        return new NotFound("dossier", code, "No dossier has the code " + code);
    }

    private String chooseSpecialist(String agency, String requested) {
        List<Account> specialists = accounts.officialsOf(new AgencyId(agency)).stream()
                .filter(a -> a.roles().contains(Roles.SPECIALIST) && !a.disabled()).toList();
        if (requested != null && !requested.isBlank()) {
            return specialists.stream().map(Account::username).filter(requested::equals).findFirst()
                    .orElseThrow(() -> new InvalidInput("specialist", "No specialist " + requested + " in this agency",
                            requested));
        }
        if (specialists.isEmpty()) {
            return null;
        }
        // the least loaded specialist of the agency
        Map<String, Integer> load = new LinkedHashMap<>();
        specialists.forEach(a -> load.put(a.username(), 0));
        jdbc.sql("select assignee, count(*) from dossier.dossier where agency = ? and stage is not null "
                        + "and assignee is not null group by assignee")
                .param(agency).query((java.sql.ResultSet rs) -> {
                    load.computeIfPresent(rs.getString(1), (k, v) -> {
                        try {
                            return rs.getInt(2);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });
        return load.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private String[] handlingAgencies(Procedure p, tools.jackson.databind.JsonNode form) {
        String commune = Forms.handlingCommune(p, form)
                .orElseGet(() -> form.path("applicant").path("permanentCommune").asString(""));
        String province = communeProvinces().get(commune);
        if (province == null && !"central".equals(p.level())) {
            throw new FormRefused(List.of(new FormProblem("commune", "commune",
                    "No commune has the code '" + commune + "'")));
        }
        String first = agencyFor(p.level(), p.departmentSegment().orElse(null), p.centralAgency().orElse(null),
                province, commune);
        String second = p.secondAgency().map(spec -> spec.equals("commune") ? agencyFor("commune", null, null, province, commune)
                : spec.matches("[0-9]{2}") ? agencyFor("province", spec, null, province, commune)
                : AgencyId.parse(spec).value()).orElse(null);
        return new String[] {first, second};
    }

    private static String agencyFor(String level, String segment, String central, String province, String commune) {
        return switch (level) {
            case "commune" -> AgencyId.peoplesCommittee(province, commune).value();
            case "province" -> AgencyId.provincialDepartment(province, segment).value();
            default -> AgencyId.parse(central).value();
        };
    }

    private Map<String, String> communeProvinces() {
        Map<String, String> m = communeProvinces;
        if (m == null) {
            m = units.communeProvinces();
            communeProvinces = m;
        }
        return m;
    }

    Procedure procedureOf(Dossier d) {
        return catalogue.version(d.procedureCode(), d.procedureVersion()).orElseThrow(
                () -> new IllegalStateException("The procedure " + d.procedureCode() + " v" + d.procedureVersion()
                        + " of the dossier " + d.code() + " is missing"));
    }

    private Account account(Dossier d) {
        return accounts.byUsername(d.applicant()).orElse(null);
    }

    private void audit(Caller caller, String action, Dossier d) {
        audit.record(new AuditTrail.Entry(caller.username(), caller.agencyId(), action, "dossier:" + d.code(),
                AuditTrail.Outcome.SUCCESS));
    }

    private static Dossier.Actor applicant(Caller caller) {
        return new Dossier.Actor(caller.username(), caller.displayName(), null);
    }

    private static Dossier.Actor official(Caller caller) {
        return new Dossier.Actor(caller.username(), caller.displayName(), caller.agencyId());
    }
}
