package org.ketnoi.population.imports;

import java.io.InputStream;
import org.ketnoi.population.CitizenDocument;

/**
 * Reads citizens' rows from a file one at a time. A row it cannot make sense of comes back with
 * its problem, and reading goes on; a problem with the whole file throws {@link ImportFileRefused}.
 */
interface CitizenReader {

    /** The longest record a file may have: far more than any citizen's, far less than memory. */
    int MAX_RECORD = 64 * 1024;

    /** The next row, or null at the end of the file. */
    Row next();

    static CitizenReader open(Format format, InputStream in) {
        return switch (format) {
            case CSV -> new CsvCitizenReader(in);
            case NDJSON -> new NdjsonCitizenReader(in);
        };
    }

    /** A row of the file: its document, or why there is none. */
    record Row(long line, CitizenDocument document, ImportReport.Rejection problem) {

        static Row of(long line, CitizenDocument document) {
            return new Row(line, document, null);
        }

        static Row rejected(long line, String field, String code, String reason, Object... arguments) {
            return new Row(line, null, ImportReport.Rejection.of(line, field, code, reason, arguments));
        }
    }
}
