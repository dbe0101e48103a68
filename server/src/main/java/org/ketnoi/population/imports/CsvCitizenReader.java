package org.ketnoi.population.imports;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ketnoi.population.CitizenDocument;

/**
 * CSV as RFC 4180 writes it: a header row with the columns of {@link CitizenDocument#CSV_HEADER}
 * in any order, values separated by commas, quoted when they hold commas, quotes (doubled) or line
 * breaks; lines end in LF or CRLF. One record is in memory at a time, at most 64 KiB of it.
 */
final class CsvCitizenReader implements CitizenReader {

    static final List<String> REQUIRED = List.of("id_number", "full_name", "birth_date", "sex", "permanent_commune");

    private final DecodedInput input;
    private final List<String> values = new ArrayList<>();
    private final StringBuilder value = new StringBuilder();
    private final int[] target;
    private List<String> headerNames;
    private long recordLine;
    private boolean lineEnded;
    private boolean anyQuoted;
    private String problem;
    private String problemCode;
    private String problemField;

    CsvCitizenReader(InputStream in) {
        input = new DecodedInput(in);
        List<String> names = readHeader();
        target = columns(names, recordLine);
        headerNames = List.copyOf(names);
    }

    @Override
    public Row next() {
        while (readRecord()) {
            if (isBlankLine()) {
                continue;
            }
            if (!lineEnded && values.size() < headerNames.size()) {
                // A last row without its line end and short of values was cut off.
                throw ImportFileRefused.truncated(recordLine);
            }
            if (problem != null) {
                return Row.rejected(recordLine, problemField, problemCode, problem);
            }
            if (values.size() != headerNames.size()) {
                return Row.rejected(recordLine, null, "row.columns", "the row has " + values.size()
                        + " values but the header names " + headerNames.size() + " columns", values.size(),
                        headerNames.size());
            }
            String[] fields = new String[CitizenDocument.CSV_HEADER.size()];
            for (int i = 0; i < target.length; i++) {
                String v = values.get(i);
                fields[target[i]] = v.isEmpty() ? null : v;
            }
            return Row.of(recordLine, CitizenDocument.of(fields));
        }
        return null;
    }

    private List<String> readHeader() {
        do {
            if (!readRecord()) {
                throw new ImportFileRefused("empty", "the file is empty: a CSV file starts with a header row "
                        + "naming its columns (line 1)", 1);
            }
        } while (isBlankLine());
        if (problem != null) {
            throw new ImportFileRefused("header.malformed", "the header row (line " + recordLine
                    + ") is malformed: " + problem, recordLine);
        }
        return values;
    }

    /** For each column of the header, its index in {@link CitizenDocument#CSV_HEADER}. */
    private static int[] columns(List<String> names, long line) {
        int[] target = new int[names.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            int index = CitizenDocument.CSV_HEADER.indexOf(name);
            if (name.isEmpty()) {
                throw new ImportFileRefused("header.empty", "the header row (line " + line
                        + ") has an empty column name in position " + (i + 1), line, i + 1);
            }
            if (index < 0) {
                throw new ImportFileRefused("header.unknown", "the header row (line " + line
                        + ") names an unknown column '" + abbreviate(name) + "'; the columns are "
                        + String.join(", ", CitizenDocument.CSV_HEADER), line, abbreviate(name),
                        String.join(", ", CitizenDocument.CSV_HEADER));
            }
            if (!seen.add(name)) {
                throw new ImportFileRefused("header.twice", "the header row (line " + line + ") names the column '"
                        + name + "' twice", line, name);
            }
            target[i] = index;
        }
        for (String required : REQUIRED) {
            if (!seen.contains(required)) {
                throw new ImportFileRefused("header.missing", "the header row (line " + line
                        + ") lacks the column '" + required + "', which every citizen needs", line, required);
            }
        }
        return target;
    }

    /**
     * Reads one record into {@link #values}; false at the end of the file. Problems inside the
     * record are noted and reading goes on to its end, so the next record starts in the right place.
     */
    private boolean readRecord() {
        values.clear();
        value.setLength(0);
        problem = null;
        problemCode = null;
        problemField = null;
        anyQuoted = false;
        int c = input.read();
        if (c == DecodedInput.END) {
            return false;
        }
        recordLine = input.line();
        int length = 0;
        int valueLength = 0;
        boolean quoted = false;
        boolean closed = false;
        while (true) {
            if (c == DecodedInput.END) {
                if (quoted) {
                    throw ImportFileRefused.truncated(recordLine);
                }
                endValue();
                lineEnded = false;
                return true;
            }
            if (++length > MAX_RECORD) {
                throw new ImportFileRefused("long", "the record on line " + recordLine + " is longer than 64 KiB; "
                        + "no citizen's record is that long, so the file is not a registry file", recordLine);
            }
            if (quoted) {
                if (c == '"') {
                    int next = input.read();
                    if (next != '"') {
                        quoted = false;
                        closed = true;
                        c = next;
                        continue;
                    }
                }
                value.append((char) c);
            } else if (c == ',') {
                endValue();
                valueLength = 0;
                closed = false;
            } else if (c == '\n') {
                endValue();
                lineEnded = true;
                return true;
            } else if (c == '\r') {
                int next = input.read();
                if (next == '\n' || next == DecodedInput.END) {
                    endValue();
                    lineEnded = true;
                    return true;
                }
                value.append('\r');
                valueLength++;
                c = next;
                continue;
            } else if (c == '"' && valueLength == 0 && !closed) {
                quoted = true;
                anyQuoted = true;
                valueLength++;
            } else {
                if (c == '"') {
                    note("csv.quote", "a quote inside a value that does not start with one; put the value in "
                            + "quotes and double the quotes inside it");
                } else if (closed) {
                    note("csv.afterQuote", "text after the closing quote of a value");
                }
                value.append((char) c);
                valueLength++;
            }
            c = input.read();
        }
    }

    private void endValue() {
        values.add(value.toString());
        value.setLength(0);
    }

    private void note(String code, String reason) {
        if (problem == null) {
            problem = reason;
            problemCode = code;
            int column = values.size();
            problemField = headerNames != null && column < headerNames.size() ? headerNames.get(column) : null;
        }
    }

    private boolean isBlankLine() {
        return values.size() == 1 && !anyQuoted && values.getFirst().isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
