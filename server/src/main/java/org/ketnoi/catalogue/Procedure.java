package org.ketnoi.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One version of an administrative procedure (thủ tục hành chính) as the catalogue publishes it.
 * A dossier keeps the (code, version) it was submitted under, so later edits never change it.
 *
 * @param code the national code of the National Database on Administrative Procedures, shape {@code 1.005129}
 * @param version 1 for the first published form, +1 for every change an administrator saves
 * @param level where it is handled: {@code commune}, {@code province} or {@code central}
 * @param departmentSegment for provincial procedures, the department's segment in the agency tree
 *        ({@code 03} Justice, …); empty for communes (the commune's People's Committee handles them)
 * @param centralAgency for central procedures, the identifier of the handling ministry or agency
 * @param subjects who may apply
 * @param formSchema a JSON Schema (draft 2020-12) of the applicant's form
 * @param processKey the BPMN process that runs dossiers of this procedure ({@code one-stop} by default)
 * @param secondAgency for processes that pass the dossier to a second agency: how to find it, as
 *        {@code commune} / a provincial department segment / a central agency id; empty otherwise
 * @param result what the result document says: its title and lines with {@code {field.path}} placeholders
 *        filled from the dossier's form
 * @param owner the agency that publishes the procedure and whose administrators may change it (the
 *        ministry for national procedures); platform administrators may change any
 */
public record Procedure(String code, int version, Text name, Text field, String level,
        Optional<String> departmentSegment, Optional<String> centralAgency, Set<Subject> subjects,
        List<Component> components, JsonNode formSchema, List<Fee> fees, ProcessingTime processingTime,
        OnlineMode onlineMode, Text legalBasis, String processKey, Optional<String> secondAgency,
        ResultTemplate result, Text description, Optional<String> owner) {

    /** The sum of the fees, in đồng; 0 when the procedure is free. */
    public long totalFee() {
        return fees.stream().mapToLong(Fee::amount).sum();
    }

    /** Vietnamese and English forms of a text. */
    public record Text(String vi, String en) {
        public String in(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : vi;
        }
    }

    public enum Subject {
        CITIZEN, BUSINESS
    }

    /** Dossier components (thành phần hồ sơ). */
    public enum Copy {
        ORIGINAL, COPY, ELECTRONIC
    }

    /**
     * @param key a short identifier within the procedure, such as {@code birth-certificate-of-hospital}
     * @param required whether a dossier is incomplete without it
     * @param fromRegistry the applicant need not upload it: the data comes from the population registry
     */
    public record Component(String key, Text name, Copy copy, int quantity, boolean required, boolean fromRegistry) {
    }

    /** @param amount in đồng */
    public record Fee(Text name, long amount) {
    }

    public enum TimeUnit {
        WORKING_DAYS, WORKING_HOURS
    }

    /** The statutory processing time; 0 means "the same working day". */
    public record ProcessingTime(int amount, TimeUnit unit) {
    }

    /** @param lines each a Vietnamese and English line, e.g. "Họ, chữ đệm, tên: {child.fullName}" */
    public record ResultTemplate(Text title, List<Text> lines) {
    }

    /** Since Decree 42/2022: full-process online or partial. */
    public enum OnlineMode {
        FULL, PARTIAL
    }
}
