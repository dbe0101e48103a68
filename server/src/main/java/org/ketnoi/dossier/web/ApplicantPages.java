package org.ketnoi.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.ketnoi.catalogue.Forms;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.catalogue.ProcedureCatalogue.FormProblem;
import org.ketnoi.dossier.DossierList;
import org.ketnoi.dossier.DossierRefused;
import org.ketnoi.dossier.DossierView;
import org.ketnoi.dossier.Dossiers;
import org.ketnoi.dossier.Drafts;
import org.ketnoi.dossier.FormRefused;
import org.ketnoi.dossier.Rating;
import org.ketnoi.dossier.Submission;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.ketnoi.population.Citizen;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.context.MessageSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The applicant's pages: a new dossier (form filled in from the registry, files, draft or submit),
 * their dossiers, one dossier's timeline with what they can do next, and the result download.
 */
@Controller
class ApplicantPages {

    private final Dossiers dossiers;
    private final Drafts drafts;
    private final ProcedureCatalogue catalogue;
    private final PopulationRegistry registry;
    private final DossierList list;
    private final MessageSource messages;
    private final Refusals refusals;

    ApplicantPages(Dossiers dossiers, Drafts drafts, ProcedureCatalogue catalogue, PopulationRegistry registry,
            DossierList list, MessageSource messages, Refusals refusals) {
        this.refusals = refusals;
        this.dossiers = dossiers;
        this.drafts = drafts;
        this.catalogue = catalogue;
        this.registry = registry;
        this.list = list;
        this.messages = messages;
    }

    @GetMapping("/dossiers/new/{code}")
    String start(@PathVariable String code, @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireCitizen(caller);
        Procedure p = procedure(code);
        ObjectNode form = Forms.prefill(p, registryValues(caller, p));
        return form(model, p, form, List.of(), new LinkedHashMap<>(), UUID.randomUUID(), null, caller, null, locale);
    }

    @GetMapping("/dossiers/drafts/{id}")
    String draft(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireCitizen(caller);
        Drafts.Draft d = drafts.find(id, caller).orElseThrow(() -> new NotFound("draft", id, "No draft " + id));
        Procedure p = catalogue.current(d.procedureCode()).orElseThrow(() -> new NotFound("No procedure"));
        model.addAttribute("saved", true);
        return form(model, p, d.form(), List.of(), new LinkedHashMap<>(d.attachments()), d.submissionKey(), id, caller,
                null, locale);
    }

    @PostMapping("/dossiers/drafts/{id}/discard")
    String discard(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        requireCitizen(caller);
        drafts.discard(id, caller);
        return "redirect:/dossiers?discarded";
    }

    /** Submit or save as draft: the same form, the button pressed decides. */
    @PostMapping("/dossiers/new/{code}")
    String submit(@PathVariable String code, @RequestParam UUID submissionKey,
            @RequestParam(required = false) UUID draftId, @RequestParam(defaultValue = "submit") String intent,
            @AuthenticationPrincipal Caller caller, HttpServletRequest request, Model model, Locale locale) {
        requireCitizen(caller);
        Procedure p = procedure(code);
        ObjectNode form = Forms.fromParameters(p, request.getParameterMap());
        Map<String, List<String>> attached = kept(p, request);
        List<FormProblem> problems = new ArrayList<>();
        String error = null;
        try {
            uploadNew(p, request, attached, caller);
        } catch (InvalidInput e) {
            error = messages.getMessage(e.resolvable(), locale);
        }
        if (error == null && "draft".equals(intent)) {
            UUID saved = drafts.save(draftId, p, form, attached, submissionKey, caller);
            return "redirect:/dossiers/drafts/" + saved + "?saved";
        }
        if (error == null) {
            try {
                Dossiers.Receipt receipt = dossiers.submit(new Submission(code, form, attached, submissionKey, locale),
                        caller);
                drafts.submitted(submissionKey, caller);
                return "redirect:/dossiers/" + receipt.code() + "?submitted";
            } catch (FormRefused e) {
                problems = e.problems();
            } catch (DossierRefused e) {
                error = refusals.text(e, locale);
            }
        }
        return form(model, p, form, problems, attached, submissionKey, draftId, caller, error, locale);
    }

    private String form(Model model, Procedure p, JsonNode form, List<FormProblem> problems,
            Map<String, List<String>> attached, UUID submissionKey, UUID draftId, Caller caller, String error,
            Locale locale) {
        model.addAttribute("procedure", p);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems.stream().filter(x -> !x.field().startsWith("attachments")).toList());
        Map<String, String> attachmentProblems = new LinkedHashMap<>();
        problems.stream().filter(x -> x.field().startsWith("attachments")).forEach(x -> attachmentProblems.put(
                x.field().substring("attachments".length()).replaceFirst("^\\.", ""),
                messages.getMessage("form.problem." + x.code(), null, x.message(), locale)));
        model.addAttribute("attachmentProblems", attachmentProblems);
        model.addAttribute("attached", attached);
        model.addAttribute("fileNames", drafts.uploadNames(caller,
                attached.values().stream().flatMap(List::stream).collect(java.util.stream.Collectors.toSet())));
        model.addAttribute("submissionKey", submissionKey);
        model.addAttribute("draftId", draftId);
        model.addAttribute("error", error);
        model.addAttribute("anyProblem", error != null || !problems.isEmpty());
        return "dossier/new";
    }

    /** Files kept from an earlier attempt or a draft: hidden fields {@code kept.<component>}. */
    private static Map<String, List<String>> kept(Procedure p, HttpServletRequest request) {
        Map<String, List<String>> attached = new LinkedHashMap<>();
        for (Procedure.Component c : p.components()) {
            String[] values = request.getParameterValues("kept." + c.key());
            if (values != null) {
                List<String> shas = new ArrayList<>(new LinkedHashSet<>(List.of(values)));
                shas.removeIf(v -> !v.matches("[0-9a-f]{64}"));
                if (!shas.isEmpty()) {
                    attached.put(c.key(), shas);
                }
            }
        }
        return attached;
    }

    private void uploadNew(Procedure p, HttpServletRequest request, Map<String, List<String>> attached, Caller caller) {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            return;
        }
        MultiValueMap<String, MultipartFile> files = multipart.getMultiFileMap();
        for (Procedure.Component c : p.components()) {
            for (MultipartFile f : files.getOrDefault("file." + c.key(), List.of())) {
                if (f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())) {
                    continue; // no file chosen
                }
                try (InputStream in = f.getInputStream()) {
                    String sha = dossiers.upload(in, f.getOriginalFilename(), caller).sha256();
                    attached.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(sha);
                } catch (IOException e) {
                    throw new InvalidInput("attachment", "The upload of " + f.getOriginalFilename() + " failed");
                }
            }
        }
    }

    private Map<String, String> registryValues(Caller caller, Procedure p) {
        Citizen c = registry.own(caller, "Điền sẵn tờ khai thủ tục " + p.code() + " (" + p.name().vi() + ")",
                "portal");
        var r = c.record();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("idNumber", r.idNumber().toString());
        values.put("fullName", r.fullName());
        values.put("birthDate", r.birthDate().toString());
        values.put("sex", r.sex().name().toLowerCase(Locale.ROOT));
        values.put("ethnicity", r.ethnicity());
        values.put("nationality", r.nationality());
        if (r.permanentResidence() != null) {
            values.put("permanentAddress", r.permanentResidence().address());
            values.put("permanentCommune", r.permanentResidence().communeCode());
        }
        values.values().removeIf(java.util.Objects::isNull);
        return values;
    }

    @GetMapping("/dossiers")
    String mine(@AuthenticationPrincipal Caller caller, Model model) {
        requireCitizen(caller);
        model.addAttribute("dossiers", list.ofApplicant(caller.username()));
        model.addAttribute("drafts", drafts.mine(caller));
        return "dossier/mine";
    }

    @GetMapping("/dossiers/{code}")
    String dossier(@PathVariable String code, @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireCitizen(caller);
        return show(model, dossiers.view(code, caller), null, locale);
    }

    private String show(Model model, DossierView view, String error, Locale locale) {
        model.addAttribute("view", view);
        model.addAttribute("d", view.dossier());
        model.addAttribute("rows", Forms.describe(view.procedure(), view.dossier().form(), locale));
        model.addAttribute("error", error);
        return "dossier/dossier";
    }

    @PostMapping("/dossiers/{code}/supplement")
    String supplement(@PathVariable String code, @RequestParam int version, @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal Caller caller, HttpServletRequest request, Model model, Locale locale) {
        requireCitizen(caller);
        DossierView view = dossiers.view(code, caller);
        Map<String, List<String>> attached = new LinkedHashMap<>();
        try {
            uploadNew(view.procedure(), request, attached, caller);
            dossiers.supplement(code, version, attached, note, caller);
            return "redirect:/dossiers/" + code + "?supplemented";
        } catch (RuntimeException e) {
            return show(model, dossiers.view(code, caller), text(e, locale), locale);
        }
    }

    @PostMapping("/dossiers/{code}/withdraw")
    String withdraw(@PathVariable String code, @RequestParam int version, @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireCitizen(caller);
        try {
            dossiers.withdraw(code, version, reason, caller);
            return "redirect:/dossiers/" + code + "?withdrawn";
        } catch (RuntimeException e) {
            return show(model, dossiers.view(code, caller), text(e, locale), locale);
        }
    }

    @PostMapping("/dossiers/{code}/rating")
    String rate(@PathVariable String code, @RequestParam(defaultValue = "0") int overall,
            @RequestParam(defaultValue = "0") int timeliness, @RequestParam(defaultValue = "0") int attitude,
            @RequestParam(defaultValue = "0") int contacts, @RequestParam(defaultValue = "") String comment,
            @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        requireCitizen(caller);
        try {
            dossiers.rate(code, new Rating(overall, timeliness, attitude, contacts, comment), caller);
            return "redirect:/dossiers/" + code + "?rated";
        } catch (RuntimeException e) {
            return show(model, dossiers.view(code, caller), text(e, locale), locale);
        }
    }

    @GetMapping("/dossiers/{code}/result")
    ResponseEntity<InputStreamResource> result(@PathVariable String code, @AuthenticationPrincipal Caller caller) {
        return pdfOrFile(dossiers.result(code, caller), code + ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/dossiers/{code}/files/{sha256}")
    ResponseEntity<InputStreamResource> file(@PathVariable String code, @PathVariable String sha256,
            @AuthenticationPrincipal Caller caller) {
        return attachment(dossiers, code, sha256, caller);
    }

    /** One of the dossier's files, for whoever may read the dossier. */
    static ResponseEntity<InputStreamResource> attachment(Dossiers dossiers, String code, String sha256, Caller caller) {
        DossierView.Attachment a = dossiers.view(code, caller).attachments().stream()
                .filter(x -> x.sha256().equals(sha256)).findFirst()
                .orElseThrow(() -> new NotFound("No such file"));
        return pdfOrFile(dossiers.attachment(code, sha256, caller), a.name(), MediaType.parseMediaType(a.mediaType()));
    }

    static ResponseEntity<InputStreamResource> pdfOrFile(InputStream in, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(in));
    }

    private String text(RuntimeException e, Locale locale) {
        return refusals.text(e, locale);
    }

    private Procedure procedure(String code) {
        return catalogue.current(code).orElseThrow(() -> new NotFound("procedure", code, "No procedure " + code));
    }

    private static void requireCitizen(Caller caller) {
        if (caller == null || caller.kind() != Caller.Kind.CITIZEN) {
            throw new AccessDeniedException("These pages are for citizens signed in with their own account");
        }
    }
}
