package org.ketnoi.catalogue;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The catalogue's public face: published procedures, their versions, and form validation. */
public interface ProcedureCatalogue {

    /** The version in force. */
    Optional<Procedure> current(String code);

    /** A given version, as dossiers submitted under it keep seeing it. */
    Optional<Procedure> version(String code, int version);

    /**
     * Checks a form against the procedure's schema. Empty when it is valid; otherwise one problem per
     * field, in the order of the form.
     */
    List<FormProblem> validate(Procedure procedure, JsonNode form);

    /**
     * The procedures in force that match: every word (accents optional) in the name, field, code or
     * description, and each filter given. Served from memory.
     */
    Results search(Query query);

    /**
     * @param field the JSON pointer's last name, e.g. {@code childName}; empty string for the whole form
     * @param code a message key suffix, {@code required}, {@code format}, {@code enum}, {@code maxLength}, …
     * @param message in English, for APIs and logs
     * @param path the field's dotted path in the form, e.g. {@code child.fullName} (names alone repeat
     *        across groups: the applicant and the child both have a {@code fullName})
     */
    record FormProblem(String field, String code, String message, String path) {

        public FormProblem(String field, String code, String message) {
            this(field, code, message, field);
        }
    }

    /**
     * @param words typed by the reader; empty for all
     * @param field a field's key as {@link Results#fields()} lists it, e.g. {@code ho-tich}
     * @param level {@code commune}, {@code province} or {@code central}
     * @param agency a provincial department's segment ({@code 03}) or a central agency's id
     * @param page from 1
     * @param size results per page, 1 to 100
     */
    record Query(String words, Optional<String> field, Optional<String> level, Optional<String> agency, int page,
            int size) {

        public Query {
            words = words == null ? "" : words;
            field = field == null ? Optional.empty() : field.filter(s -> !s.isBlank());
            level = level == null ? Optional.empty() : level.filter(s -> !s.isBlank());
            agency = agency == null ? Optional.empty() : agency.filter(s -> !s.isBlank());
            if (page < 1) {
                throw new IllegalArgumentException("Pages count from 1, got " + page);
            }
            if (size < 1 || size > 100) {
                throw new IllegalArgumentException("A page holds 1 to 100 procedures, got " + size);
            }
        }

        public static Query words(String words) {
            return new Query(words, Optional.empty(), Optional.empty(), Optional.empty(), 1, 20);
        }
    }

    /**
     * @param procedures this page's procedures, best match first
     * @param total how many match in all
     * @param fields every field of the catalogue in force (key and name), for filters
     */
    record Results(List<Procedure> procedures, int total, int page, int size, List<Field> fields) {

        public int pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    /** A field (lĩnh vực) of procedures: its key for filters, e.g. {@code ho-tich}, and its name. */
    record Field(String key, Procedure.Text name) {
    }
}
