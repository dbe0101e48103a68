package org.ketnoi.population.imports;

import java.time.Duration;
import java.util.List;

/**
 * What became of an imported file: how many rows were applied and rejected, the first rejected
 * rows with their line and reason (all of them, up to a cap, stay stored with the job).
 */
public record ImportReport(long jobId, Status status, long accepted, long rejected, List<Rejection> rejections,
        Duration duration) {

    /** How many rejected rows a report lists; the job keeps more. */
    public static final int LISTED = 100;

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    public enum Status {
        /** Still loading, or the process stopped while it was (then nothing was applied). */
        RUNNING,
        /** The valid rows are in the registry. */
        ACCEPTED,
        /** Nothing was applied because rows were rejected (strict mode, or no valid row). */
        REJECTED,
        /** Nothing was applied because the file could not be read or loading failed. */
        FAILED
    }

    /**
     * One refused row.
     *
     * @param line the line of the file where the row starts
     * @param field the field at fault, when one is
     * @param reason in English, for logs and API clients
     * @param code the rule broken ({@code invalid.<code>} in the messages, for pages in the reader's
     *     language), null when only the field is known
     * @param arguments the rule's arguments
     */
    public record Rejection(long line, String field, String reason, String code, List<String> arguments) {

        public Rejection {
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        static Rejection of(long line, String field, String code, String reason, Object... arguments) {
            return new Rejection(line, field, reason, code,
                    java.util.Arrays.stream(arguments).map(String::valueOf).toList());
        }

        static Rejection of(long line, org.ketnoi.platform.InvalidInput refusal) {
            return new Rejection(line, refusal.field(), refusal.getMessage(),
                    refusal.code() != null ? refusal.code() : refusal.field(), refusal.arguments());
        }
    }
}
