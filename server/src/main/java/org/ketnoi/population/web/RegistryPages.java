package org.ketnoi.population.web;

import java.util.List;
import java.util.Optional;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.Conflict;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.BirthDate;
import org.ketnoi.population.Citizen;
import org.ketnoi.population.CitizenDocument;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Officials' pages of the registry: search, a person's record with its history and access log,
 * a household, and the correction form. Every page that shows personal data asks for a purpose.
 */
@Controller
class RegistryPages {

    private static final String CHANNEL = "page";
    private final PopulationRegistry registry;
    private final org.springframework.context.MessageSource messages;

    RegistryPages(PopulationRegistry registry, org.springframework.context.MessageSource messages) {
        this.registry = registry;
        this.messages = messages;
    }

    /** The refusal in the reader's language where we have it, else its own words. */
    private String text(RuntimeException e, java.util.Locale locale) {
        return e instanceof InvalidInput invalid ? messages.getMessage(invalid.resolvable(), locale) : e.getMessage();
    }

    /** The refusal's own (English) words, when the reader's language has only a general message for it. */
    private static String detail(RuntimeException e) {
        return e instanceof InvalidInput invalid && invalid.code() != null ? null : e.getMessage();
    }

    @GetMapping("/registry")
    String search(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String born,
            @RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String purpose,
            @AuthenticationPrincipal Caller caller, Model model, java.util.Locale locale) {
        model.addAttribute("caller", caller);
        model.addAttribute("name", name);
        model.addAttribute("born", born);
        model.addAttribute("id", id);
        model.addAttribute("purpose", purpose);
        if (name.isBlank() && id.isBlank()) {
            return "population/search";
        }
        try {
            if (purpose.isBlank()) {
                throw new InvalidInput("purpose", "purpose", null);
            }
            if (!id.isBlank()) {
                PersonalIdNumber number = PersonalIdNumber.parse(id);
                return "redirect:/registry/citizens/" + number + "?purpose="
                        + java.net.URLEncoder.encode(purpose, java.nio.charset.StandardCharsets.UTF_8);
            }
            Optional<BirthDate> date = born.isBlank() ? Optional.empty() : Optional.of(BirthDate.parse(born));
            model.addAttribute("results", registry.search(name, date, caller, purpose, CHANNEL, 100));
        } catch (InvalidInput e) {
            model.addAttribute("error", text(e, locale));
            model.addAttribute("errorDetail", detail(e));
            model.addAttribute("errorField", e.field());
        }
        return "population/search";
    }

    @GetMapping("/registry/citizens/{id}")
    String citizen(@PathVariable String id, @RequestParam(defaultValue = "") String purpose,
            @AuthenticationPrincipal Caller caller, Model model) {
        PersonalIdNumber number = PersonalIdNumber.parse(id);
        model.addAttribute("purpose", purpose);
        if (purpose.isBlank()) {
            model.addAttribute("id", number.value());
            return "population/purpose";
        }
        List<Citizen> versions = registry.history(number, caller, purpose, CHANNEL);
        model.addAttribute("citizen", versions.getFirst());
        model.addAttribute("versions", versions);
        model.addAttribute("accessLog", registry.accessLog(number, 50));
        return "population/citizen";
    }

    @GetMapping("/registry/households/{number}")
    String household(@PathVariable String number, @RequestParam(defaultValue = "") String purpose,
            @AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("purpose", purpose);
        model.addAttribute("number", number);
        model.addAttribute("members", registry.household(number, caller, purpose, CHANNEL));
        return "population/household";
    }

    /** The correction form's fields: each component of the document with its current value. */
    static List<FormField> fields(CitizenDocument doc) {
        var components = CitizenDocument.class.getRecordComponents();
        String[] values = doc.values();
        List<FormField> fields = new java.util.ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            fields.add(new FormField(components[i].getName(), values[i]));
        }
        return fields;
    }

    record FormField(String name, String value) {
    }

    /** A citizen missing from the registry (a birth, a record found missing): the correction form, empty. */
    @GetMapping("/registry/citizens/new")
    String registerForm(Model model) {
        model.addAttribute("fields", fields(CitizenDocument.of(new String[CitizenDocument.CSV_HEADER.size()])));
        return "population/correct";
    }

    @PostMapping("/registry/citizens/new")
    String register(@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String legalBasis,
            CitizenDocument doc, @AuthenticationPrincipal Caller caller, Model model, java.util.Locale locale) {
        try {
            Citizen added = registry.register(doc.toRecord(), caller, reason, legalBasis.isBlank() ? null : legalBasis);
            return "redirect:/registry/citizens/" + added.idNumber() + "?purpose="
                    + java.net.URLEncoder.encode(REGISTERED, java.nio.charset.StandardCharsets.UTF_8) + "&saved=1";
        } catch (InvalidInput | Conflict e) {
            model.addAttribute("error", e instanceof Conflict
                    ? messages.getMessage("registry.register.exists", new Object[] {doc.idNumber()}, locale)
                    : text(e, locale));
            model.addAttribute("errorDetail", e instanceof Conflict ? null : detail(e));
            model.addAttribute("errorField", e instanceof InvalidInput i ? i.field() : "idNumber");
            model.addAttribute("fields", fields(doc));
            model.addAttribute("reason", reason);
            model.addAttribute("legalBasis", legalBasis);
            return "population/correct";
        }
    }

    /** The purpose logged when the official who added a person is shown the new record. */
    static final String REGISTERED = "Kiểm tra hồ sơ vừa đăng ký";

    @GetMapping("/registry/citizens/{id}/correct")
    String correctForm(@PathVariable String id, @RequestParam(defaultValue = "") String purpose,
            @AuthenticationPrincipal Caller caller, Model model) {
        Citizen citizen = registry.citizen(PersonalIdNumber.parse(id), caller,
                purpose.isBlank() ? "Chỉnh sửa hồ sơ" : purpose, CHANNEL);
        model.addAttribute("purpose", purpose);
        model.addAttribute("citizen", citizen);
        model.addAttribute("fields", fields(CitizenDocument.from(citizen.record())));
        model.addAttribute("version", citizen.version());
        return "population/correct";
    }

    @PostMapping("/registry/citizens/{id}/correct")
    String correct(@PathVariable String id, @RequestParam int version, @RequestParam String reason,
            @RequestParam(defaultValue = "") String legalBasis, @RequestParam(defaultValue = "") String purpose,
            CitizenDocument doc, @AuthenticationPrincipal Caller caller, Model model, java.util.Locale locale) {
        PersonalIdNumber number = PersonalIdNumber.parse(id);
        try {
            registry.correct(number, version, doc.toRecord(), caller, reason, legalBasis.isBlank() ? null : legalBasis);
            return "redirect:/registry/citizens/" + number + "?purpose="
                    + java.net.URLEncoder.encode(purpose.isBlank() ? "Chỉnh sửa hồ sơ" : purpose,
                            java.nio.charset.StandardCharsets.UTF_8) + "&saved=1";
        } catch (InvalidInput | Conflict e) {
            Citizen now = registry.citizen(number, caller, "Chỉnh sửa hồ sơ", CHANNEL);
            // someone saved in between: say who and when, from the record as it is now
            model.addAttribute("error", e instanceof Conflict ? messages.getMessage("registry.correct.stale",
                    new Object[] {now.changedBy(), java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                            .withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).format(now.validFrom()),
                        String.valueOf(now.version()), String.valueOf(version)}, locale) : text(e, locale));
            model.addAttribute("errorDetail", e instanceof Conflict ? null : detail(e));
            model.addAttribute("errorField", e instanceof InvalidInput i ? i.field() : null);
            model.addAttribute("purpose", purpose);
            model.addAttribute("citizen", now);
            model.addAttribute("fields", fields(doc));
            model.addAttribute("version", version);
            model.addAttribute("reason", reason);
            model.addAttribute("legalBasis", legalBasis);
            return "population/correct";
        }
    }
}
