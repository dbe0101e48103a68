package org.ketnoi.population.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.imports.Format;
import org.ketnoi.population.imports.ImportReport;
import org.ketnoi.population.imports.PopulationImports;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import and export page: a plain file upload (no JavaScript) whose report lists every
 * rejected row, and a form that downloads an area's records through the export API.
 */
@Controller
class ImportPages {

    private final PopulationImports imports;
    private final MessageSource messages;

    ImportPages(PopulationImports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/registry/imports")
    String form(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("caller", caller);
        return "population/imports";
    }

    @PostMapping("/registry/imports")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(defaultValue = "false") boolean strict, @AuthenticationPrincipal Caller caller, Model model,
            Locale locale) throws IOException {
        model.addAttribute("caller", caller);
        try {
            if (file.isEmpty()) {
                throw new InvalidInput("file", "Choose a file to import", null);
            }
            // Multipart files above a small threshold are on disk: the import streams from there.
            try (InputStream in = file.getInputStream()) {
                ImportReport report = imports.importFile(in, Format.parse(format), strict,
                        file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(), caller);
                model.addAttribute("report", report);
                model.addAttribute("rejections", report.rejections().stream().map(r -> shown(r, locale)).toList());
            }
        } catch (InvalidInput e) {
            model.addAttribute("error", messages.getMessage(e.resolvable(), locale));
            model.addAttribute("errorDetail", e.code() == null ? e.getMessage() : null);
            model.addAttribute("errorField", "file");
        }
        return "population/imports";
    }

    /** A rejected row as the reader sees it: the field's name and the rule, in their language. */
    record ShownRejection(long line, String field, String reason) {
    }

    ShownRejection shown(ImportReport.Rejection r, Locale locale) {
        String field = r.field() == null ? "" : messages.getMessage("field." + r.field(), null, r.field(), locale);
        String reason = r.code() == null ? r.reason() : messages.getMessage(
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        new String[] {"invalid." + r.code()}, r.arguments().toArray(), r.reason()), locale);
        return new ShownRejection(r.line(), field, reason);
    }
}
