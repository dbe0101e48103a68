package org.ketnoi.dossier;

import org.ketnoi.platform.InvalidInput;

/**
 * An applicant's rating of how the dossier was handled, each 1 (very unsatisfied) to 5 (very
 * satisfied): overall, timeliness, staff attitude, and how few contacts it took.
 */
public record Rating(int overall, int timeliness, int attitude, int contacts, String comment) {

    public Rating {
        check(overall, "overall");
        check(timeliness, "timeliness");
        check(attitude, "attitude");
        check(contacts, "contacts");
        if (comment != null && comment.length() > 2000) {
            throw InvalidInput.because("tooLong", "comment", "A comment has at most 2,000 characters", 2000);
        }
        comment = comment == null || comment.isBlank() ? null : comment.strip();
    }

    private static void check(int score, String field) {
        if (score < 1 || score > 5) {
            throw InvalidInput.because("rating", field, "A rating is from 1 to 5, not " + score, score);
        }
    }
}
