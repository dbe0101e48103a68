package org.ketnoi.population.imports;

import org.ketnoi.platform.InvalidInput;

/**
 * A problem with the file as a whole (not UTF-8, cut off, a bad header, a record too long to be a
 * citizen's): the import stops and applies nothing. APIs answer it with 400 like any invalid input.
 */
public final class ImportFileRefused extends InvalidInput {

    private final long line;

    public ImportFileRefused(String message, long line) {
        super("file", message, line);
        this.line = line;
    }

    static ImportFileRefused truncated(long line) {
        return new ImportFileRefused("the file ends in the middle of a record (line " + line + "); it may have been "
                + "cut off during the transfer", line);
    }

    /** The line of the file where the problem is (1 for the first). */
    public long line() {
        return line;
    }
}
