package org.ketnoi.catalogue.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.catalogue.internal.AgencyNames;
import org.ketnoi.catalogue.internal.Catalogue;
import org.ketnoi.catalogue.internal.Problem;
import org.ketnoi.catalogue.internal.ProcedureInvalid;
import org.ketnoi.catalogue.internal.ProcedureRules;
import org.ketnoi.catalogue.internal.ProcedureStore;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The catalogue's administration pages: the list, a procedure's edit form (components and fees
 * added and removed by submitting the form, no JavaScript), and a new procedure. A refused save
 * shows the form again as typed, with every problem.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Controller
class ProcedureAdminPages {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final CatalogueAdministration admin;
    private final Catalogue catalogue;
    private final AgencyNames agencies;
    private final MessageSource messages;

    ProcedureAdminPages(CatalogueAdministration admin, Catalogue catalogue, AgencyNames agencies,
            MessageSource messages) {
        this.admin = admin;
        this.catalogue = catalogue;
        this.agencies = agencies;
        this.messages = messages;
    }

    /** A procedure in the list, with whether this administrator may change it. */
    record Row(Procedure procedure, String savedBy, String savedAt, boolean editable) {
    }

    record ErrorItem(String field, String message) {
    }

    @GetMapping("/admin/procedures")
    String list(@RequestParam(name = "q", defaultValue = "") String words, @AuthenticationPrincipal Caller caller,
            Model model) {
        admin.requireAdministrator(caller);
        List<Row> rows = catalogue.search(new ProcedureCatalogue.Query(words.length() > 100 ? "" : words,
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), 1, 100))
                .procedures().stream()
                .map(p -> catalogue.entry(p.code()).orElseThrow())
                .sorted(java.util.Comparator.comparing(e -> e.procedure().code()))
                .map(e -> new Row(e.procedure(), e.savedBy(), when(e.savedAt()),
                        CatalogueAdministration.mayEdit(caller, e.procedure())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("q", words);
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        model.addAttribute("ownAgency", caller.agencyId());
        return "catalogue/admin/list";
    }

    @GetMapping("/admin/procedures/new")
    String blank(@AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        admin.requireAdministrator(caller);
        return form(ProcedureForm.blank(caller.hasRole(Roles.PLATFORM_ADMIN) ? "" : caller.agencyId()), true, null,
                List.of(), caller, model, locale);
    }

    @PostMapping("/admin/procedures")
    String create(@RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        admin.requireAdministrator(caller);
        ProcedureForm form = ProcedureForm.from(request.getParameterMap());
        if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
            form = form.withOwner(caller.agencyId());
        }
        form = form.withCode(form.code().strip(), 0);
        if (!"save".equals(action)) {
            return form(more(form, action), true, null, List.of(), caller, model, locale);
        }
        form = form.compact();
        ProcedureForm.Parsed parsed = form.toProcedure(1);
        try {
            if (!parsed.problems().isEmpty()) {
                throw new ProcedureInvalid(parsed.problems());
            }
            admin.create(parsed.procedure(), caller);
            return "redirect:/admin/procedures/" + parsed.procedure().code() + "/edit?created";
        } catch (ProcedureInvalid e) {
            response.setStatus(422);
            return form(form, true, null, problems(parsed, e), caller, model, locale);
        }
    }

    @GetMapping("/admin/procedures/{code}/edit")
    String edit(@PathVariable String code, @RequestParam(required = false) Integer saved,
            @AuthenticationPrincipal Caller caller, Model model, Locale locale) {
        admin.requireAdministrator(caller);
        Catalogue.Entry entry = admin.editable(code, caller);
        model.addAttribute("saved", saved);
        return form(ProcedureForm.of(entry.procedure()), false, entry, List.of(), caller, model, locale);
    }

    @PostMapping("/admin/procedures/{code}")
    String save(@PathVariable String code, @RequestParam(defaultValue = "save") String action,
            @AuthenticationPrincipal Caller caller, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        admin.requireAdministrator(caller);
        ProcedureForm posted = ProcedureForm.from(request.getParameterMap());
        Catalogue.Entry entry = admin.editable(code, caller,
                "save".equals(action) ? CatalogueAdministration.SAVE : CatalogueAdministration.EDIT,
                posted.baseVersion());
        // The code is the address's; who publishes it only a platform administrator changes.
        ProcedureForm form = posted.withCode(code, posted.baseVersion());
        if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
            form = form.withOwner(entry.procedure().owner().orElse(""));
        }
        if (!"save".equals(action)) {
            return form(more(form, action), false, entry, List.of(), caller, model, locale);
        }
        form = form.compact();
        ProcedureForm.Parsed parsed = form.toProcedure(form.baseVersion() + 1);
        try {
            if (form.baseVersion() < 1) {
                throw new ProcedureInvalid(List.of(Problem.of("", "baseVersion",
                        "The form does not say which version it changes; open it again")));
            }
            if (!parsed.problems().isEmpty()) {
                throw new ProcedureInvalid(parsed.problems());
            }
            int version = admin.save(parsed.procedure(), form.baseVersion(), caller);
            return "redirect:/admin/procedures/" + code + "/edit?saved=" + version;
        } catch (ProcedureInvalid e) {
            response.setStatus(422);
            return form(form, false, entry, problems(parsed, e), caller, model, locale);
        } catch (ProcedureStore.Stale e) {
            response.setStatus(409);
            ProcedureStore.Stored current = e.current();
            model.addAttribute("stale", messages.getMessage("catalogue.admin.stale", new Object[] {
                    current.procedure().version(), current.savedBy(), when(current.savedAt()), form.baseVersion()},
                    locale));
            return form(form, false, catalogue.entry(code).orElse(entry), List.of(), caller, model, locale);
        }
    }

    private static ProcedureForm more(ProcedureForm form, String action) {
        return switch (action) {
            case "addComponent" -> form.withComponent();
            case "addFee" -> form.withFee();
            default -> form;
        };
    }

    /** The problems to show: the form's own, and the rules' (those about an unreadable schema are moot). */
    private static List<Problem> problems(ProcedureForm.Parsed parsed, ProcedureInvalid e) {
        List<Problem> all = new ArrayList<>(e.problems());
        if (!parsed.schemaParsed()) {
            all.removeIf(p -> "formSchema".equals(p.field()) && !"schema.json".equals(p.code())
                    || "result.placeholder".equals(p.code()));
        }
        return all;
    }

    private String form(ProcedureForm form, boolean creating, Catalogue.Entry entry, List<Problem> problems,
            Caller caller, Model model, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<ErrorItem> errorList = new ArrayList<>();
        for (Problem p : problems) {
            String message = messages.getMessage(new DefaultMessageSourceResolvable(
                    new String[] {"catalogue.invalid." + p.code()}, p.args().toArray(), p.message()), locale);
            String field = p.field().isEmpty() ? (p.code().startsWith("document") ? "formSchema" : "nameVi")
                    : p.field();
            errors.merge(field, message, (a, b) -> a + " " + b);
            errorList.add(new ErrorItem(field, message));
        }
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        model.addAttribute("entry", entry);
        model.addAttribute("savedAt", entry == null ? null : when(entry.savedAt()));
        model.addAttribute("history", entry == null ? List.of() : admin.history(entry.procedure().code()).stream()
                .map(s -> new Row(s.procedure(), s.savedBy(), when(s.savedAt()), false)).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("errorList", errorList);
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        model.addAttribute("levels", ProcedureRules.LEVELS);
        model.addAttribute("processes", ProcedureRules.PROCESSES);
        model.addAttribute("departments", names(agencies.departments(), locale));
        model.addAttribute("centralAgencies", names(agencies.centralAgencies(), locale));
        model.addAttribute("copies", Procedure.Copy.values());
        model.addAttribute("units", Procedure.TimeUnit.values());
        model.addAttribute("modes", Procedure.OnlineMode.values());
        model.addAttribute("subjectChoices", Procedure.Subject.values());
        return "catalogue/admin/edit";
    }

    private static Map<String, String> names(Map<String, Procedure.Text> names, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach((k, v) -> out.put(k, v.in(locale) + " (" + k + ")"));
        return out;
    }

    private static String when(java.time.Instant at) {
        return WHEN.format(at.atZone(VIETNAM));
    }
}
