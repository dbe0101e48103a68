package org.ketnoi.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A dossier (hồ sơ): what was applied for, where it is in its process, and its national status.
 * It changes only through its intention-revealing methods, which refuse what its present stage does
 * not allow; each change adds a line to the timeline ({@link #newEntries()}), which the repository
 * appends with the row.
 */
public final class Dossier {

    /** Who acts: the account or system, their display name, their agency (null for applicants). */
    public record Actor(String username, String displayName, String agency) {
    }

    private final UUID id;
    private final String code;
    private final String procedureCode;
    private final int procedureVersion;
    private final String applicant;
    private final String applicantName;
    private final String applicantIdTail;
    private final String locale;
    private final String firstAgency;
    private final String secondAgency;
    private final JsonNode form;
    private final long fee;
    private final Instant submittedAt;
    private final int version;
    private final String processInstance;

    private String agency;
    private DossierStatus status;
    private Stage stage;
    private String assignee;
    private Instant receivedAt;
    private Instant dueAt;
    private Instant pausedAt;
    private boolean supplementRequested;
    private Instant apologisedUntil;
    private Instant paidAt;
    private Instant finishedAt;
    private Instant returnedAt;
    private String resultSha256;
    private String proposal;
    private final List<TimelineEntry> newEntries = new ArrayList<>();

    Dossier(UUID id, String code, String procedureCode, int procedureVersion, String applicant, String applicantName,
            String applicantIdTail, String locale, String firstAgency, String secondAgency, String agency,
            DossierStatus status, Stage stage, String assignee, JsonNode form, long fee, Instant submittedAt,
            Instant receivedAt, Instant dueAt, Instant pausedAt, boolean supplementRequested, Instant apologisedUntil,
            Instant paidAt, Instant finishedAt, Instant returnedAt, String resultSha256, String processInstance,
            int version, String proposal) {
        this.id = id;
        this.code = code;
        this.procedureCode = procedureCode;
        this.procedureVersion = procedureVersion;
        this.applicant = applicant;
        this.applicantName = applicantName;
        this.applicantIdTail = applicantIdTail;
        this.locale = locale;
        this.firstAgency = firstAgency;
        this.secondAgency = secondAgency;
        this.agency = agency;
        this.status = status;
        this.stage = stage;
        this.assignee = assignee;
        this.form = form;
        this.fee = fee;
        this.submittedAt = submittedAt;
        this.receivedAt = receivedAt;
        this.dueAt = dueAt;
        this.pausedAt = pausedAt;
        this.supplementRequested = supplementRequested;
        this.apologisedUntil = apologisedUntil;
        this.paidAt = paidAt;
        this.finishedAt = finishedAt;
        this.returnedAt = returnedAt;
        this.resultSha256 = resultSha256;
        this.processInstance = processInstance;
        this.version = version;
        this.proposal = proposal;
    }

    /** A dossier just submitted online (channel 2): status 1, waiting for the one-stop desk. */
    static Dossier submitted(UUID id, String code, String procedureCode, int procedureVersion, Actor applicant,
            String applicantIdTail, String locale, String firstAgency, String secondAgency, JsonNode form, long fee,
            Instant at, String processInstance) {
        Dossier d = new Dossier(id, code, procedureCode, procedureVersion, applicant.username(), applicant.displayName(),
                applicantIdTail, locale, firstAgency, secondAgency, firstAgency, DossierStatus.SUBMITTED,
                Stage.RECEPTION, null, form, fee, at, null, null, null, false, null, null, null, null, null,
                processInstance, 0, null);
        d.record(at, "submitted", applicant, null);
        return d;
    }

    // ---- the one-stop desk ----

    /** Receives the complete dossier: status 2, the appointment date set, then on to the specialists (4). */
    void accept(Actor clerk, Instant at, Instant due, String specialist) {
        require(Stage.RECEPTION, "accept");
        receivedAt = at;
        dueAt = due;
        assignee = specialist;
        status = DossierStatus.RECEIVED;
        record(at, "accepted", clerk, null);
    }

    /**
     * Asks the applicant for missing papers: once per dossier, with the complete list. During appraisal
     * the statutory clock stops until the applicant answers.
     */
    void requestSupplement(Actor official, Instant at, String completeList) {
        if (stage != Stage.RECEPTION && (stage == null || !stage.isAppraisal())) {
            throw refused("request a supplement");
        }
        if (supplementRequested) {
            throw new DossierRefused("supplementOnce", "A supplement was already requested for the dossier " + code
                    + "; the rules allow one request, with the complete list", code);
        }
        supplementRequested = true;
        if (receivedAt != null) {
            pausedAt = at;
        }
        record(at, "supplement-requested", official, completeList);
    }

    /** The applicant's answer to a supplement request; the new due date counts the paused days out. */
    void supplied(Actor applicantActor, Instant at, Instant newDue, String note) {
        require(Stage.SUPPLEMENT, "supply documents");
        if (pausedAt != null) {
            dueAt = newDue;
            pausedAt = null;
        }
        record(at, "supplemented", applicantActor, note);
    }

    void refuse(Actor clerk, Instant at, String reasons) {
        require(Stage.RECEPTION, "refuse");
        finishedAt = at;
        record(at, "refused", clerk, reasons);
    }

    void recordPayment(Actor clerk, Instant at, String receipt) {
        require(Stage.PAYMENT, "record a payment");
        paidAt = at;
        record(at, "paid", clerk, receipt);
    }

    // ---- specialists and leaders ----

    /** A specialist's appraisal: propose the result ({@code result}) or stopping ({@code stop}, with reasons). */
    void propose(Actor specialist, Instant at, String proposed, String note) {
        if (stage == null || !stage.isAppraisal()) {
            throw refused("appraise");
        }
        if (!"result".equals(proposed) && !"stop".equals(proposed)) {
            throw new IllegalArgumentException("A proposal is result or stop, not " + proposed);
        }
        proposal = proposed;
        record(at, "stop".equals(proposed) ? "proposed-stop" : "proposed-result", specialist, note);
    }

    void returnForRevision(Actor leader, Instant at, String note) {
        requireApproval("return the dossier to the specialist");
        record(at, "returned-for-revision", leader, note);
    }

    /** A leader approves the proposal; a late dossier first needs its apology letter. */
    void approve(Actor leader, Instant at, String note) {
        requireApproval("approve");
        requireApologyIfLate(at);
        record(at, "stop".equals(proposal) ? "approved-stop" : "approved", leader, note);
        if ("stop".equals(proposal)) {
            finishedAt = at;
        }
    }

    /** The result document issued (status 9 follows when the process reaches the return step). */
    void issueResult(Instant at, String sha256) {
        resultSha256 = sha256;
        finishedAt = at;
    }

    void returnResult(Actor clerk, Instant at) {
        require(Stage.RETURN_RESULT, "return the result");
        returnedAt = at;
        record(at, "result-returned", clerk, null);
    }

    /** The apology letter of Decision 766 for a dossier that will be late, with the new date. */
    void apologise(Actor official, Instant at, Instant newDate, String letter) {
        if (stage == null || dueAt == null) {
            throw refused("send an apology letter");
        }
        if (!newDate.isAfter(effectiveDue())) {
            throw new org.ketnoi.platform.InvalidInput("newDate", "The new date must be later than the present "
                    + "appointment", newDate);
        }
        apologisedUntil = newDate;
        record(at, "apologised", official, letter);
    }

    // ---- the applicant ----

    void withdraw(Actor applicantActor, Instant at, String reason) {
        if (stage == null || status.isFinal() || stage == Stage.RETURN_RESULT) {
            throw refused("withdraw");
        }
        stage = null;
        status = DossierStatus.WITHDRAWN;
        finishedAt = at;
        record(at, "withdrawn", applicantActor, reason);
    }

    // ---- the process moved ----

    /**
     * The process now waits in {@code next} (or has ended): the stage, the acting agency and the
     * national status follow it.
     *
     * @param endedAs the status when the process ended ({@link DossierStatus#REFUSED} …)
     */
    void moveTo(Optional<Stage> next, DossierStatus endedAs, Instant at, Actor by) {
        DossierStatus before = status;
        if (next.isEmpty()) {
            stage = null;
            status = endedAs;
            assignee = null;
        } else {
            Stage s = next.get();
            if (stage != null && stage.isApproval() && s == Stage.SECOND_APPRAISAL) {
                agency = secondAgency;
                assignee = null;
                record(at, "transferred", by, secondAgency);
            }
            if (s == Stage.RETURN_RESULT) {
                agency = firstAgency;
            }
            stage = s;
            status = s.status();
        }
        if (status != before && !newEntries.isEmpty()) {
            TimelineEntry last = newEntries.getLast();
            if (last.action().equals("accepted")) {
                // received (2) is a status of its own; the move on to the specialists or the fee is the next line
                record(at, stage == Stage.PAYMENT ? "payment-requested" : "sent-to-specialist", by, null);
            } else {
                // the line that caused the move shows the status it led to
                newEntries.removeLast();
                newEntries.add(new TimelineEntry(last.at(), status, last.action(), last.actor(), last.actorName(),
                        last.agency(), last.note()));
            }
        }
    }

    // ---- rules ----

    /** The appointment in force: the apology letter's new date when one was sent. */
    public Instant effectiveDue() {
        return appointment(dueAt, apologisedUntil);
    }

    /** The appointment in force: the later of the one given at reception and the one an apology set. */
    static Instant appointment(Instant dueAt, Instant apologisedUntil) {
        if (dueAt == null) {
            return null;
        }
        return apologisedUntil != null && apologisedUntil.isAfter(dueAt) ? apologisedUntil : dueAt;
    }

    /** Late: past the appointment in force while still being handled (and not paused for a supplement). */
    public boolean isLate(Instant now) {
        Instant due = effectiveDue();
        return stage != null && stage != Stage.SUPPLEMENT && due != null && now.isAfter(due);
    }

    private void requireApologyIfLate(Instant at) {
        if (dueAt != null && at.isAfter(dueAt) && (apologisedUntil == null || !apologisedUntil.isAfter(dueAt))) {
            throw new DossierRefused("apologyNeeded", "The dossier " + code + " is past its appointment date: send the "
                    + "applicant an apology letter with a new date first", code);
        }
    }

    private void requireApproval(String what) {
        if (stage == null || !stage.isApproval()) {
            throw refused(what);
        }
    }

    private void require(Stage expected, String what) {
        if (stage != expected) {
            throw refused(what);
        }
    }

    private DossierRefused refused(String what) {
        return new DossierRefused("notNow", "The dossier " + code + " is in status " + status.code() + " ("
                + status.label(java.util.Locale.ENGLISH) + (stage == null ? "" : ", step " + stage.step())
                + "): it is not possible to " + what + " now", code, status);
    }

    private void record(Instant at, String action, Actor actor, String note) {
        newEntries.add(new TimelineEntry(at, status, action, actor.username(), actor.displayName(),
                actor.agency(), note));
    }

    // ---- state ----

    public UUID id() { return id; }
    public String code() { return code; }
    public String procedureCode() { return procedureCode; }
    public int procedureVersion() { return procedureVersion; }
    public String applicant() { return applicant; }
    public String applicantName() { return applicantName; }
    public String applicantIdTail() { return applicantIdTail; }
    public String locale() { return locale; }
    public String firstAgency() { return firstAgency; }
    public Optional<String> secondAgency() { return Optional.ofNullable(secondAgency); }
    public String agency() { return agency; }
    public DossierStatus status() { return status; }
    public Optional<Stage> stage() { return Optional.ofNullable(stage); }
    public Optional<String> assignee() { return Optional.ofNullable(assignee); }
    public JsonNode form() { return form; }
    public long fee() { return fee; }
    public Instant submittedAt() { return submittedAt; }
    public Optional<Instant> receivedAt() { return Optional.ofNullable(receivedAt); }
    public Optional<Instant> dueAt() { return Optional.ofNullable(dueAt); }
    public Optional<Instant> pausedAt() { return Optional.ofNullable(pausedAt); }
    public boolean supplementRequested() { return supplementRequested; }
    public Optional<Instant> apologisedUntil() { return Optional.ofNullable(apologisedUntil); }
    public Optional<Instant> paidAt() { return Optional.ofNullable(paidAt); }
    public Optional<Instant> finishedAt() { return Optional.ofNullable(finishedAt); }
    public Optional<Instant> returnedAt() { return Optional.ofNullable(returnedAt); }
    public Optional<String> resultSha256() { return Optional.ofNullable(resultSha256); }
    public String processInstance() { return processInstance; }
    public int version() { return version; }
    public Optional<String> proposal() { return Optional.ofNullable(proposal); }
    List<TimelineEntry> newEntries() { return List.copyOf(newEntries); }
}
