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
     * @param field the JSON pointer's last name, e.g. {@code childName}; empty string for the whole form
     * @param code a message key suffix, {@code required}, {@code format}, {@code enum}, {@code maxLength}, …
     * @param message in English, for APIs and logs
     */
    record FormProblem(String field, String code, String message) {
    }
}
