package org.ketnoi.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Optional;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.imports.Format;
import org.ketnoi.population.imports.ImportReport;
import org.ketnoi.population.imports.PopulationExports;
import org.ketnoi.population.imports.PopulationImports;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk import and export of an area's citizens. The import reads the raw request body as it
 * arrives (no multipart, nothing buffered), so a file of many gigabytes passes in constant memory;
 * the export streams from a database cursor.
 */
@RestController
@RequestMapping("/api/v1/population")
@Tag(name = "Population imports and exports", description = "Bulk CSV/NDJSON import with a report of every "
        + "rejected row, and export of an area")
@SecurityRequirement(name = "basic")
class ImportApi {

    /** An export of a whole province can take long; the container's default async limit is 30 s. */
    private static final long EXPORT_TIMEOUT_MS = 12 * 60 * 60 * 1000L;

    private final PopulationImports imports;
    private final PopulationExports exports;

    ImportApi(PopulationImports imports, PopulationExports exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @PostMapping("/imports")
    @Operation(summary = "Import citizens of your area from the request body (CSV with a header row, or NDJSON)",
            description = "Valid rows are applied in one transaction; rejected rows are reported with line, field "
                    + "and reason. With strict=true one rejected row means none is applied. A file that is not "
                    + "UTF-8, is cut off, or has a bad header is refused with 400 and changes nothing. Send the file as the "
                    + "raw body with Content-Type text/csv or application/x-ndjson (curl: --data-binary @file "
                    + "-H 'Content-Type: text/csv').",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", format = "binary"))}),
            responses = {
                @ApiResponse(responseCode = "200", description = "the import report"),
                @ApiResponse(responseCode = "400", description = "the file cannot be read; nothing was applied")})
    ImportReport importFile(
            @Parameter(description = "csv or ndjson; by default taken from the Content-Type")
            @RequestParam(name = "format", required = false) String format,
            @Parameter(description = "apply nothing if any row is rejected")
            @RequestParam(name = "strict", defaultValue = "false") boolean strict,
            @Parameter(description = "the file's name, kept with the import job")
            @RequestParam(name = "fileName", required = false) String fileName,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            InputStream body, @AuthenticationPrincipal Caller caller) {
        return imports.importFile(body, format(format, contentType), strict, fileName, caller);
    }

    @GetMapping("/exports")
    @Operation(summary = "Export the citizens of an area within yours (by default all of yours)",
            description = "Every exported person gets a row in the access log with your purpose.")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "csv (default) or ndjson")
            @RequestParam(name = "format", defaultValue = "csv") String format,
            @Parameter(description = "2-digit province code")
            @RequestParam(name = "province", required = false) String province,
            @Parameter(description = "5-digit commune code")
            @RequestParam(name = "commune", required = false) String commune,
            @Parameter(description = "why the data is exported; recorded in each citizen's access log")
            @RequestParam(name = "purpose", required = false) String purpose,
            @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        Format f = Format.parse(format);
        Optional<String> p = Optional.ofNullable(province);
        Optional<String> c = Optional.ofNullable(commune);
        String area = exports.check(p, c, caller, purpose);
        AsyncWebRequest async = WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest();
        if (async != null) {
            async.setTimeout(EXPORT_TIMEOUT_MS);
        }
        String name = "citizens-" + area + "-" + LocalDate.now() + "." + f.extension();
        StreamingResponseBody body = out -> exports.export(out, f, p, c, caller, purpose);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(body);
    }

    private static Format format(String format, String contentType) {
        if (format != null && !format.isBlank()) {
            return Format.parse(format);
        }
        if (contentType != null) {
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                for (Format f : Format.values()) {
                    if (type.isCompatibleWith(MediaType.parseMediaType(f.mediaType()))) {
                        return f;
                    }
                }
            } catch (InvalidMediaTypeException e) {
                // falls through to the refusal below
            }
        }
        throw new InvalidInput("format", "Say format=csv or format=ndjson, or send Content-Type text/csv or "
                + "application/x-ndjson", contentType);
    }
}
