package org.ketnoi.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.ketnoi.catalogue.Forms;
import org.ketnoi.dossier.DossierRefused;
import org.ketnoi.dossier.DossierView;
import org.ketnoi.dossier.Dossiers;
import org.ketnoi.dossier.Queues;
import org.ketnoi.dossier.Stage;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.platform.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The officials' desk: their agency's queue for their roles, a dossier with the actions its stage
 * allows them, and those actions. Another agency's dossier is never shown (404) nor acted on (403).
 */
@Controller
class DeskPages {

    private final Dossiers dossiers;
    private final Queues queues;
    private final Accounts accounts;
    private final Refusals refusals;
    private final MessageSource messages;

    DeskPages(Dossiers dossiers, Queues queues, Accounts accounts, Refusals refusals,
            MessageSource messages) {
        this.dossiers = dossiers;
        this.queues = queues;
        this.accounts = accounts;
        this.refusals = refusals;
        this.messages = messages;
    }

    /**
     * A queue line as shown: its texts looked up here, once, rather than by expressions in 50 rows;
     * public, so that the SpEL compiler compiles the page's reads of it.
     */
    public record Row(String href, String code, String procedureCode, String applicantName, String stage, String due, String tag,
            String tagClass) {
    }

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter
            .ofPattern("dd/MM/yyyy").withZone(Dossiers.VIETNAM);

    private Row row(Queues.Item i, String contextPath, Locale locale) {
        String tagClass = switch (i.due()) {
            case LATE -> "govuk-tag--red";
            case NEARLY_DUE -> "govuk-tag--yellow";
            default -> "govuk-tag--green";
        };
        // codes are letters, digits, dots and hyphens: nothing in them needs encoding in a path
        return new Row(contextPath + "/desk/dossiers/" + i.code(), i.code(), i.procedureCode(), i.applicantName(),
                messages.getMessage("stage." + i.stage().name(), null, locale),
                i.dueAt() == null ? "–" : DAY.format(i.dueAt()),
                i.due() == Queues.Due.NONE ? null : messages.getMessage("dossier.due." + i.due().name(), null, locale),
                tagClass);
    }

    @GetMapping("/desk")
    String queue(@RequestParam(required = false) String stage, @RequestParam(defaultValue = "1") int page,
            @AuthenticationPrincipal Caller caller, Model model, Locale locale,
            HttpServletRequest request) {
        requireOfficial(caller);
        Set<Stage> only = stage == null || stage.isBlank() ? Set.of()
                : Stage.parse(stage).map(s -> (Set<Stage>) EnumSet.of(s)).orElse(Set.of());
        Queues.Page p = queues.queue(caller, only, Math.max(0, page - 1));
        model.addAttribute("page", p);
        model.addAttribute("rows", p.items().stream().map(i -> row(i, request.getContextPath(), locale)).toList());
        model.addAttribute("stage", stage == null ? "" : stage);
        model.addAttribute("myStages", Queues.stagesOf(caller));
        return "dossier/desk";
    }

    @GetMapping("/desk/dossiers/{code}")
    String dossier(@PathVariable String code, @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireOfficial(caller);
        return show(model, dossiers.view(code, caller), caller, null, locale);
    }

    private String show(Model model, DossierView view, Caller caller, String error, Locale locale) {
        model.addAttribute("view", view);
        model.addAttribute("d", view.dossier());
        model.addAttribute("rows", Forms.describe(view.procedure(), view.dossier().form(), locale));
        model.addAttribute("error", error);
        Stage stage = view.dossier().stage().orElse(null);
        boolean here = view.dossier().agency().equals(caller.agencyId());
        model.addAttribute("canAct", stage != null && here && stage.role() != null && caller.hasRole(stage.role())
                && (!stage.isAppraisal() || view.dossier().assignee().map(caller.username()::equals).orElse(true)));
        model.addAttribute("canApologise", stage != null && here && stage != Stage.SUPPLEMENT
                && view.dossier().dueAt().isPresent());
        model.addAttribute("late", view.dossier().isLate(java.time.Instant.now()));
        if (stage == Stage.RECEPTION && here) {
            model.addAttribute("specialists", accounts.officialsOf(new AgencyId(caller.agencyId())).stream()
                    .filter(a -> a.roles().contains(Roles.SPECIALIST) && !a.disabled()).toList());
        }
        return "dossier/desk-dossier";
    }

    @PostMapping("/desk/dossiers/{code}/{action}")
    String act(@PathVariable String code, @PathVariable String action, @RequestParam int version,
            @RequestParam(defaultValue = "") String note, @RequestParam(defaultValue = "") String specialist,
            @RequestParam(defaultValue = "") String proposal, @RequestParam(defaultValue = "") String newDate,
            @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireOfficial(caller);
        try {
            switch (action) {
                case "accept" -> dossiers.accept(code, version, specialist, caller);
                case "request-supplement" -> dossiers.requestSupplement(code, version, note, caller);
                case "refuse" -> dossiers.refuse(code, version, note, caller);
                case "record-payment" -> dossiers.recordPayment(code, version, note, caller);
                case "appraise" -> dossiers.appraise(code, version, proposal, note, caller);
                case "approve" -> dossiers.approve(code, version, note, caller);
                case "return-for-revision" -> dossiers.returnForRevision(code, version, note, caller);
                case "return-result" -> dossiers.returnResult(code, version, caller);
                case "apologise" -> dossiers.apologise(code, version, date(newDate), note, caller);
                default -> throw new org.ketnoi.platform.NotFound("action", action, "No action " + action);
            }
            return "redirect:/desk/dossiers/" + code + "?done=" + action;
        } catch (DossierRefused | InvalidInput e) {
            return show(model, dossiers.view(code, caller), caller, refusals.text(e, locale), locale);
        }
    }

    @GetMapping("/desk/dossiers/{code}/result")
    ResponseEntity<InputStreamResource> result(@PathVariable String code, @AuthenticationPrincipal Caller caller) {
        requireOfficial(caller);
        return ApplicantPages.pdfOrFile(dossiers.result(code, caller), code + ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/desk/dossiers/{code}/files/{sha256}")
    ResponseEntity<InputStreamResource> file(@PathVariable String code, @PathVariable String sha256,
            @AuthenticationPrincipal Caller caller) {
        requireOfficial(caller);
        return ApplicantPages.attachment(dossiers, code, sha256, caller);
    }

    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("newDate", "A date is written yyyy-mm-dd, not '" + value + "'", value);
        }
    }

    private static void requireOfficial(Caller caller) {
        if (caller == null || caller.kind() != Caller.Kind.OFFICIAL) {
            throw new AccessDeniedException("The desk is for officials");
        }
    }

}
