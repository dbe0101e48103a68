package org.ketnoi.catalogue.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.catalogue.internal.Catalogue;
import org.ketnoi.catalogue.internal.ProcedureJson;
import org.ketnoi.catalogue.internal.ProcedureRules;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** The catalogue, read-only and public: search, and a procedure's document in force or of a given version. */
@RestController
@RequestMapping("/api/v1/procedures")
@Tag(name = "Procedure catalogue", description = "Administrative procedures: search and their published versions")
class CatalogueApi {

    private final Catalogue catalogue;

    CatalogueApi(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** One result: what a list shows of a procedure. */
    record Summary(String code, int version, Procedure.Text name, Procedure.Text field, String level,
            String departmentSegment, String centralAgency, Set<Procedure.Subject> subjects,
            Procedure.ProcessingTime processingTime, long totalFee, Procedure.OnlineMode onlineMode, String process) {

        static Summary of(Procedure p) {
            return new Summary(p.code(), p.version(), p.name(), p.field(), p.level(),
                    p.departmentSegment().orElse(null), p.centralAgency().orElse(null), p.subjects(),
                    p.processingTime(), p.totalFee(), p.onlineMode(), p.processKey());
        }
    }

    record Page(int total, int page, int size, int pages, List<Summary> procedures) {
    }

    @GetMapping
    @Operation(summary = "Search procedures in force by words (accents optional), field key, level "
            + "(commune, province, central) and handling agency (department segment or central agency id)")
    Page search(@RequestParam(name = "q", defaultValue = "") String words,
            @RequestParam(required = false) String field, @RequestParam(required = false) String level,
            @RequestParam(required = false) String agency, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        ProcedureCatalogue.Results r = catalogue.search(CataloguePages.query(words, field, level, agency, page, size));
        return new Page(r.total(), r.page(), r.size(), r.pages(), r.procedures().stream().map(Summary::of).toList());
    }

    @GetMapping("/{code}")
    @Operation(summary = "A procedure in the seed file format with its version: the one in force, or the version "
            + "asked for; 400 if the code is malformed, 404 if unknown")
    ObjectNode procedure(@PathVariable String code, @RequestParam(required = false) Integer version) {
        if (!ProcedureRules.CODE.matcher(code).matches()) {
            throw InvalidInput.because("catalogue.code.shape", "code", "A procedure code has the shape 1.001193; got '"
                    + code + "'", code);
        }
        if (version != null && version < 1) {
            throw InvalidInput.because("catalogue.version", "version", "Versions count from 1; got " + version,
                    version);
        }
        Procedure p = (version == null ? catalogue.current(code) : catalogue.version(code, version))
                .orElseThrow(() -> new NotFound("procedure", code, version == null ? "No procedure has the code " + code
                        : "Procedure " + code + " has no version " + version));
        return ProcedureJson.write(p, true);
    }
}
