package org.ketnoi.catalogue.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.catalogue.internal.Catalogue;
import org.ketnoi.catalogue.internal.ProcedureRules;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.ketnoi.platform.RenderedPages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/** The public catalogue: search with filters, and each procedure's page. No sign-in needed. */
@Controller
class CataloguePages {

    static final int PAGE_SIZE = 20;
    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Catalogue catalogue;
    private final RenderedPages rendered;

    CataloguePages(Catalogue catalogue, RenderedPages rendered) {
        this.catalogue = catalogue;
        this.rendered = rendered;
    }

    /** A link to another page of the same search. */
    public record PageLink(int number, String url, boolean current) {
    }

    public record Choice(String value, String label) {
    }

    @GetMapping("/procedures")
    ModelAndView search(@RequestParam(name = "q", defaultValue = "") String words,
            @RequestParam(required = false) String field, @RequestParam(required = false) String level,
            @RequestParam(required = false) String agency, @RequestParam(defaultValue = "1") int page, Model model,
            Locale locale, HttpServletRequest request) {
        // read before the catalogue is: a page rendered from an older catalogue is then never reused
        String version = "catalogue " + catalogue.generation();
        return rendered.page(request, version, "catalogue/search", () -> {
            ProcedureCatalogue.Query query = query(words, field, level, agency, page, PAGE_SIZE);
            ProcedureCatalogue.Results results = catalogue.search(query);
            model.addAttribute("q", words.strip());
            model.addAttribute("field", query.field().orElse(""));
            model.addAttribute("level", query.level().orElse(""));
            model.addAttribute("agency", query.agency().orElse(""));
            model.addAttribute("results", results);
            model.addAttribute("fields", results.fields().stream()
                    .map(f -> new Choice(f.key(), f.name().in(locale))).toList());
            model.addAttribute("levels", ProcedureRules.LEVELS);
            model.addAttribute("agencies", agencies());
            model.addAttribute("pages", pages(results, words.strip(), query));
            model.addAttribute("filtered", !words.isBlank() || query.field().isPresent() || query.level().isPresent()
                    || query.agency().isPresent());
        });
    }

    /** The handling agencies the catalogue names: departments, then central agencies. */
    private List<String> agencies() {
        Set<String> segments = new java.util.TreeSet<>();
        Set<String> central = new java.util.TreeSet<>();
        for (Catalogue.Entry e : catalogue.entries()) {
            e.procedure().departmentSegment().ifPresent(segments::add);
            e.procedure().centralAgency().ifPresent(central::add);
        }
        Set<String> all = new LinkedHashSet<>(segments);
        all.addAll(central);
        return List.copyOf(all);
    }

    static ProcedureCatalogue.Query query(String words, String field, String level, String agency, int page,
            int size) {
        if (words != null && words.length() > 100) {
            throw InvalidInput.because("catalogue.words", "q", "Search with at most 100 characters");
        }
        if (level != null && !level.isBlank() && !ProcedureRules.LEVELS.contains(level)) {
            throw InvalidInput.because("catalogue.level", "level", "The level is commune, province or central; got '"
                    + level + "'", level);
        }
        if (page < 1 || page > 10_000) {
            throw InvalidInput.because("catalogue.page", "page", "Pages count from 1; got " + page, page);
        }
        if (size < 1 || size > 100) {
            throw InvalidInput.because("catalogue.size", "size", "A page holds 1 to 100 procedures; got " + size, size);
        }
        return new ProcedureCatalogue.Query(words, Optional.ofNullable(field), Optional.ofNullable(level),
                Optional.ofNullable(agency), page, size);
    }

    private static List<PageLink> pages(ProcedureCatalogue.Results results, String words,
            ProcedureCatalogue.Query query) {
        List<PageLink> links = new ArrayList<>();
        for (int n = 1; n <= results.pages(); n++) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/procedures");
            if (!words.isEmpty()) {
                uri.queryParam("q", words);
            }
            query.field().ifPresent(f -> uri.queryParam("field", f));
            query.level().ifPresent(l -> uri.queryParam("level", l));
            query.agency().ifPresent(a -> uri.queryParam("agency", a));
            if (n > 1) {
                uri.queryParam("page", n);
            }
            links.add(new PageLink(n, uri.encode().build().toUriString(), n == results.page()));
        }
        return links;
    }

    @GetMapping("/procedures/{code}")
    ModelAndView procedure(@PathVariable String code, Model model, Locale locale, HttpServletRequest request) {
        String version = "catalogue " + catalogue.generation();
        return rendered.page(request, version, "catalogue/procedure", () -> {
            Catalogue.Entry entry = catalogue.entry(code).orElseThrow(
                    () -> new NotFound("procedure", code, "No procedure has the code " + code));
            Procedure p = entry.procedure();
            model.addAttribute("p", p);
            model.addAttribute("savedOn", DAY.format(entry.savedAt().atZone(VIETNAM)));
            model.addAttribute("legalBasis", java.util.Arrays.stream(p.legalBasis().in(locale).split(";\\s*"))
                    .map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s).toList());
        });
    }
}
