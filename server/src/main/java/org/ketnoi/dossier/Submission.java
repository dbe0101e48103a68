package org.ketnoi.dossier;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What an applicant submits.
 *
 * @param attachments for each dossier component's key, the SHA-256 of files this applicant uploaded
 * @param submissionKey chosen when the form was shown (or by the API client): submitting twice with
 *        the same key gives the same dossier
 */
public record Submission(String procedureCode, JsonNode form, Map<String, List<String>> attachments,
        UUID submissionKey, Locale locale) {

    public Submission {
        attachments = attachments == null ? Map.of() : Map.copyOf(attachments);
        if (submissionKey == null) {
            throw new org.ketnoi.platform.InvalidInput("submissionKey", "A submission needs a submission key (a UUID)");
        }
    }
}
