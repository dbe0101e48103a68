package org.ketnoi.population.imports;

import org.ketnoi.platform.InvalidInput;

/**
 * A problem with the file as a whole (not UTF-8, cut off, a bad header, a record too long to be a
 * citizen's): the import stops and applies nothing. APIs answer it with 400 like any invalid input.
 */
public final class ImportFileRefused extends InvalidInput {

    private final long line;

    /** A refusal by the rule {@code invalid.file.<code>}; the first argument is the line. */
    public ImportFileRefused(String code, String message, long line, Object... more) {
        super("file", "file." + code, message, line, arguments(line, more));
        this.line = line;
    }

    private static Object[] arguments(long line, Object[] more) {
        Object[] all = new Object[more.length + 1];
        all[0] = line;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    static ImportFileRefused truncated(long line) {
        return new ImportFileRefused("truncated", "the file ends in the middle of a record (line " + line
                + "); it may have been cut off during the transfer", line);
    }

    /** The line of the file where the problem is (1 for the first). */
    public long line() {
        return line;
    }
}
