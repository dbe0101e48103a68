package org.ketnoi.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.AccessLogEntry;
import org.ketnoi.population.BirthDate;
import org.ketnoi.population.Citizen;
import org.ketnoi.population.CitizenDocument;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.PopulationRegistry;
import org.ketnoi.population.Verification;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry's API for officials (records of their area) and agency systems (verification).
 * Every read names its purpose (the {@code purpose} parameter, UTF-8); it goes to the access log.
 */
@RestController
@RequestMapping("/api/v1/population")
@Tag(name = "Population registry", description = "Records of citizens, verification, access log")
@SecurityRequirement(name = "basic")
class RegistryApi {

    private static final String CHANNEL = "api";
    private final PopulationRegistry registry;

    RegistryApi(PopulationRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/citizens/{id}")
    @Operation(summary = "A citizen's record (officials of the citizen's area)")
    CitizenView citizen(@PathVariable String id, @Parameter(description = "why the record is read")
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        return CitizenView.of(registry.citizen(PersonalIdNumber.parse(id), caller, purpose, CHANNEL));
    }

    @GetMapping("/citizens/{id}/history")
    @Operation(summary = "Every version of a record with its provenance, newest first")
    List<CitizenView> history(@PathVariable String id, @RequestParam(name = "purpose", required = false) String purpose,
            @AuthenticationPrincipal Caller caller) {
        return registry.history(PersonalIdNumber.parse(id), caller, purpose, CHANNEL).stream().map(CitizenView::of)
                .toList();
    }

    @GetMapping("/citizens/{id}/as-of")
    @Operation(summary = "What the record said at an instant (ISO instant) or at the end of a date (YYYY-MM-DD)")
    ResponseEntity<CitizenView> asOf(@PathVariable String id, @RequestParam String at,
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        return registry.asOf(PersonalIdNumber.parse(id), instant(at), caller, purpose, CHANNEL).map(CitizenView::of)
                .map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/citizens/{id}/access-log")
    @Operation(summary = "Who read this person's data, when and why")
    List<AccessLogEntry> accessLog(@PathVariable String id,
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        return registry.accessLog(PersonalIdNumber.parse(id), caller, purpose, CHANNEL);
    }

    @GetMapping("/citizens")
    @Operation(summary = "Search people of the caller's area by name (diacritics optional) and date of birth")
    List<CitizenView> search(@RequestParam String name, @RequestParam(required = false) String born,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInput("limit", "limit must be between 1 and 200", limit);
        }
        return registry.search(name, Optional.ofNullable(born).filter(b -> !b.isBlank()).map(BirthDate::parse), caller,
                purpose, CHANNEL, limit).stream().map(CitizenView::of).toList();
    }

    @GetMapping("/households/{number}")
    @Operation(summary = "The members of a household, head first")
    List<CitizenView> household(@PathVariable String number,
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        return registry.household(number, caller, purpose, CHANNEL).stream().map(CitizenView::of).toList();
    }

    @PostMapping("/citizens")
    @Operation(summary = "Add a citizen to the registry (officials of the area)")
    ResponseEntity<CitizenView> register(@RequestBody Change change, @AuthenticationPrincipal Caller caller) {
        Citizen saved = registry.register(change.record().toRecord(), caller, change.reason(), change.legalBasis());
        return ResponseEntity.status(HttpStatus.CREATED).eTag("\"" + saved.version() + "\"").body(CitizenView.of(saved));
    }

    @PutMapping("/citizens/{id}")
    @Operation(summary = "Correct a record; If-Match names the version read, and a newer one refuses with 409")
    ResponseEntity<CitizenView> correct(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @RequestBody Change change, @AuthenticationPrincipal Caller caller) {
        int version;
        try {
            version = Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "If-Match names the version you read, such as \"3\"", ifMatch);
        }
        Citizen saved = registry.correct(PersonalIdNumber.parse(id), version, change.record().toRecord(), caller,
                change.reason(), change.legalBasis());
        return ResponseEntity.ok().eTag("\"" + saved.version() + "\"").body(CitizenView.of(saved));
    }

    @PostMapping("/verifications")
    @Operation(summary = "Does a person with these details exist? MATCH or NO_MATCH, and data only for readers")
    Verification.Result verify(@RequestBody VerificationQuestion question,
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        return registry.verify(question.toRequest(), caller, purpose);
    }

    @PostMapping("/verifications/batch")
    @Operation(summary = "Verify up to 1,000 persons in one call, answered in the order asked")
    List<Verification.Result> verifyBatch(@RequestBody List<VerificationQuestion> questions,
            @RequestParam(name = "purpose", required = false) String purpose, @AuthenticationPrincipal Caller caller) {
        return registry.verify(questions.stream().map(VerificationQuestion::toRequest).toList(), caller, purpose);
    }

    static Instant instant(String at) {
        try {
            if (at.length() == 10) {
                return LocalDate.parse(at).plusDays(1).atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant()
                        .minusNanos(1);
            }
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("at", "Give an instant such as 2026-01-31T10:00:00Z or a date such as 2026-01-31",
                    at);
        }
    }

    /** A record to add or the corrected record, with why and on which legal basis. */
    record Change(CitizenDocument record, String reason, String legalBasis) {

        Change {
            if (record == null) {
                throw new InvalidInput("record", "The change needs the record", null);
            }
        }
    }

    record VerificationQuestion(String idNumber, String fullName, String birthDate) {

        Verification.Request toRequest() {
            return new Verification.Request(PersonalIdNumber.parse(idNumber), fullName,
                    birthDate == null || birthDate.isBlank() ? null : BirthDate.parse(birthDate));
        }
    }

    /** A record with its version and provenance, as the API shows it. */
    record CitizenView(CitizenDocument record, String province, int version, Instant validFrom, String changedBy,
            String changedAgency, String changeReason, String legalBasis, LocalDate idCardExpiry) {

        static CitizenView of(Citizen c) {
            return new CitizenView(CitizenDocument.from(c.record()), c.province(), c.version(), c.validFrom(),
                    c.changedBy(), c.changedAgency(), c.changeReason(), c.legalBasis(), c.idCardExpiry());
        }
    }
}
