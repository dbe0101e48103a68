package org.ketnoi.dossier.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ketnoi.dossier.DossierView;
import org.ketnoi.dossier.Dossiers;
import org.ketnoi.dossier.FormRefused;
import org.ketnoi.dossier.Queues;
import org.ketnoi.dossier.Rating;
import org.ketnoi.dossier.Stage;
import org.ketnoi.dossier.Submission;
import org.ketnoi.dossier.TimelineEntry;
import org.ketnoi.dossier.files.AttachmentStore;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * Dossiers over HTTP with bearer tokens: applicants upload files, submit and follow their dossiers;
 * officials read their queues and act on their agency's dossiers.
 */
@RestController
@Tag(name = "Dossiers", description = "Online public services: submission, tracking and one-stop processing")
class DossierApi {

    private final Dossiers dossiers;
    private final Queues queues;

    private final org.ketnoi.dossier.DossierList list;

    DossierApi(Dossiers dossiers, Queues queues, org.ketnoi.dossier.DossierList list) {
        this.list = list;
        this.dossiers = dossiers;
        this.queues = queues;
    }

    record Uploaded(String sha256, long size, String mediaType, String name) {
    }

    @PostMapping("/api/v1/uploads")
    @Operation(summary = "Upload a file (PDF, JPEG, PNG) a dossier will refer to by its SHA-256")
    ResponseEntity<Uploaded> upload(@RequestParam("file") MultipartFile file, @AuthenticationPrincipal Caller caller)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            AttachmentStore.StoredFile f = dossiers.upload(in, file.getOriginalFilename(), caller);
            return ResponseEntity.status(HttpStatus.CREATED).body(new Uploaded(f.sha256(), f.size(), f.mediaType(),
                    f.name()));
        }
    }

    /** @param submissionKey a UUID the client chooses; sending the same one again returns the same dossier */
    record NewDossier(String procedure, JsonNode form, Map<String, List<String>> attachments, UUID submissionKey,
            String language) {
    }

    record ReceiptBody(String code, Instant submittedAt, String agency, int status, boolean repeated) {
    }

    @PostMapping("/api/v1/dossiers")
    @Operation(summary = "Submit a dossier; idempotent by submissionKey (201 the first time, 200 for a repeat)")
    ResponseEntity<ReceiptBody> submit(@RequestBody NewDossier body, @AuthenticationPrincipal Caller caller) {
        if (body == null || body.form() == null || body.procedure() == null) {
            throw new InvalidInput("body", "A submission has a procedure, a form and a submissionKey");
        }
        Dossiers.Receipt r = dossiers.submit(new Submission(body.procedure(), body.form(), body.attachments(),
                body.submissionKey(), Locale.forLanguageTag(body.language() == null ? "vi" : body.language())), caller);
        return ResponseEntity.status(r.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new ReceiptBody(r.code(), r.submittedAt(), r.agency(), r.status().code(), r.repeated()));
    }

    @GetMapping("/api/v1/dossiers")
    @Operation(summary = "The caller's own dossiers, newest first (at most 100)")
    List<org.ketnoi.dossier.DossierList.Summary> mine(@AuthenticationPrincipal Caller caller) {
        if (caller.kind() != Caller.Kind.CITIZEN) {
            throw new org.springframework.security.access.AccessDeniedException("Only applicants have dossiers of their own");
        }
        return list.ofApplicant(caller.username());
    }

    record Step(Instant at, int status, String action, String actor, String note) {
    }

    record DossierBody(String code, String procedure, int procedureVersion, int status, String stage, String agency,
            String assignee, Instant submittedAt, Instant dueAt, int version, boolean result, List<Step> timeline) {

        static DossierBody of(DossierView v, boolean official) {
            var d = v.dossier();
            return new DossierBody(d.code(), d.procedureCode(), d.procedureVersion(), d.status().code(),
                    d.stage().map(Stage::name).orElse(null), d.agency(), official ? d.assignee().orElse(null) : null,
                    d.submittedAt(), d.effectiveDue(), d.version(), d.resultSha256().isPresent(),
                    v.timeline().stream().map((TimelineEntry e) -> new Step(e.at(), e.status().code(), e.action(),
                            official ? e.actor() : e.actorName(), e.note())).toList());
        }
    }

    @GetMapping("/api/v1/dossiers/{code}")
    DossierBody dossier(@PathVariable String code, @AuthenticationPrincipal Caller caller) {
        return DossierBody.of(dossiers.view(code, caller), caller.kind() == Caller.Kind.OFFICIAL);
    }

    record Supplement(int version, Map<String, List<String>> attachments, String note) {
    }

    @PostMapping("/api/v1/dossiers/{code}/supplement")
    DossierBody supplement(@PathVariable String code, @RequestBody Supplement body, @AuthenticationPrincipal Caller caller) {
        return DossierBody.of(dossiers.supplement(code, body.version(), body.attachments() == null ? Map.of()
                : body.attachments(), body.note(), caller), false);
    }

    record Withdrawal(int version, String reason) {
    }

    @PostMapping("/api/v1/dossiers/{code}/withdraw")
    DossierBody withdraw(@PathVariable String code, @RequestBody Withdrawal body, @AuthenticationPrincipal Caller caller) {
        return DossierBody.of(dossiers.withdraw(code, body.version(), body.reason(), caller), false);
    }

    @PostMapping("/api/v1/dossiers/{code}/rating")
    ResponseEntity<Void> rate(@PathVariable String code, @RequestBody Rating rating, @AuthenticationPrincipal Caller caller) {
        dossiers.rate(code, rating, caller);
        return ResponseEntity.noContent().build();
    }

    // ---- officials

    @GetMapping("/api/v1/desk/queue")
    @Operation(summary = "The caller's queue: open dossiers of their agency in the steps their roles act in")
    Queues.Page queue(@RequestParam(required = false) String stage, @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal Caller caller) {
        Set<Stage> only = stage == null || stage.isBlank() ? Set.of()
                : EnumSet.of(Stage.parse(stage).orElseThrow(() -> new InvalidInput("stage", "No step " + stage, stage)));
        return queues.queue(caller, only, page);
    }

    /** The fields an action reads; the others are ignored. */
    record Action(int version, String note, String specialist, String proposal, LocalDate newDate) {
    }

    @PostMapping("/api/v1/desk/dossiers/{code}/{action}")
    @Operation(summary = "Act on a dossier: accept, request-supplement, refuse, record-payment, appraise, approve, "
            + "return-for-revision, return-result, apologise")
    DossierBody act(@PathVariable String code, @PathVariable String action, @RequestBody Action a,
            @AuthenticationPrincipal Caller caller) {
        DossierView v = switch (action) {
            case "accept" -> dossiers.accept(code, a.version(), a.specialist(), caller);
            case "request-supplement" -> dossiers.requestSupplement(code, a.version(), a.note(), caller);
            case "refuse" -> dossiers.refuse(code, a.version(), a.note(), caller);
            case "record-payment" -> dossiers.recordPayment(code, a.version(), a.note(), caller);
            case "appraise" -> dossiers.appraise(code, a.version(), a.proposal(), a.note(), caller);
            case "approve" -> dossiers.approve(code, a.version(), a.note(), caller);
            case "return-for-revision" -> dossiers.returnForRevision(code, a.version(), a.note(), caller);
            case "return-result" -> dossiers.returnResult(code, a.version(), caller);
            case "apologise" -> dossiers.apologise(code, a.version(), a.newDate(), a.note(), caller);
            default -> throw new org.ketnoi.platform.NotFound("action", action, "No action " + action);
        };
        return DossierBody.of(v, true);
    }

    /** A refused form lists every problem, field by field. */
    @ExceptionHandler(FormRefused.class)
    ProblemDetail refused(FormRefused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("The dossier was not accepted");
        p.setProperty("problems", e.problems());
        return p;
    }
}
