package org.ketnoi.population.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.ketnoi.population.CitizenDocument;

/**
 * Writes citizens in the file formats the readers read: CSV with the header of
 * {@link CitizenDocument#CSV_HEADER}, or NDJSON with the document's field names (nulls left out).
 * Values come in {@link CitizenDocument#values()} order.
 */
public abstract sealed class CitizenWriter {

    protected final Writer out;
    protected final StringBuilder line = new StringBuilder(1024);

    private CitizenWriter(Writer out) {
        this.out = out;
    }

    public static CitizenWriter of(Format format, Writer out) {
        return switch (format) {
            case CSV -> new Csv(out);
            case NDJSON -> new Ndjson(out);
        };
    }

    public final void write(String[] values) {
        line.setLength(0);
        append(values);
        line.append('\n');
        try {
            out.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the export failed", e);
        }
    }

    public final void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the export failed", e);
        }
    }

    abstract void append(String[] values);

    static final class Csv extends CitizenWriter {

        Csv(Writer out) {
            super(out);
            write(CitizenDocument.CSV_HEADER.toArray(String[]::new));
        }

        @Override
        void append(String[] values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                String v = values[i];
                if (v == null) {
                    continue;
                }
                if (needsQuotes(v)) {
                    line.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(v);
                }
            }
        }

        private static boolean needsQuotes(String v) {
            if (v.isEmpty()) {
                return false;
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                    return true;
                }
            }
            return Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1));
        }
    }

    static final class Ndjson extends CitizenWriter {

        private static final List<String> NAMES = Arrays.stream(CitizenDocument.class.getRecordComponents())
                .map(RecordComponent::getName).toList();

        Ndjson(Writer out) {
            super(out);
        }

        @Override
        void append(String[] values) {
            line.append('{');
            boolean first = true;
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    if (!first) {
                        line.append(',');
                    }
                    first = false;
                    string(NAMES.get(i));
                    line.append(':');
                    string(values[i]);
                }
            }
            line.append('}');
        }

        /** A JSON string: quotes, backslashes and control characters escaped. */
        private void string(String s) {
            line.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> line.append("\\\"");
                    case '\\' -> line.append("\\\\");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    case '\t' -> line.append("\\t");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            line.append(String.format("\\u%04x", (int) c));
                        } else {
                            line.append(c);
                        }
                    }
                }
            }
            line.append('"');
        }
    }
}
