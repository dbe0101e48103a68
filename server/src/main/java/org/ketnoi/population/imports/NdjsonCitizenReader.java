package org.ketnoi.population.imports;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.ketnoi.population.CitizenDocument;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * NDJSON: one JSON object per line, its fields the names of {@link CitizenDocument}'s components,
 * each a string or null. Lines are independent, so a bad line is rejected and the next one read.
 * One line is in memory at a time, at most 64 KiB of it.
 */
final class NdjsonCitizenReader implements CitizenReader {

    private static final Map<String, Integer> FIELDS = fields();
    private static final JsonMapper JSON = JsonMapper.shared();

    private final DecodedInput input;
    private final StringBuilder line = new StringBuilder();

    NdjsonCitizenReader(InputStream in) {
        input = new DecodedInput(in);
    }

    @Override
    public Row next() {
        while (true) {
            int c = input.read();
            if (c == DecodedInput.END) {
                return null;
            }
            long number = input.line();
            line.setLength(0);
            while (c != '\n' && c != DecodedInput.END) {
                if (line.length() >= MAX_RECORD) {
                    throw new ImportFileRefused("long", "line " + number + " is longer than 64 KiB; no citizen's "
                            + "record is that long, so the file is not a registry file", number);
                }
                line.append((char) c);
                c = input.read();
            }
            if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            String text = line.toString();
            if (!text.isBlank()) {
                return parse(text, number, c == '\n');
            }
        }
    }

    private Row parse(String text, long number, boolean ended) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Row.rejected(number, null, "json.object", "the line is not a JSON object");
            }
            String[] values = new String[FIELDS.size()];
            boolean[] seen = new boolean[FIELDS.size()];
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                Integer index = FIELDS.get(name);
                if (index == null) {
                    String known = String.join(", ", FIELDS.keySet().stream().sorted().toList());
                    return Row.rejected(number, abbreviate(name), "json.unknown", "unknown field '"
                            + abbreviate(name) + "'; the fields are " + known, abbreviate(name), known);
                }
                if (seen[index]) {
                    return Row.rejected(number, name, "json.twice", "the field " + name + " appears twice", name);
                }
                seen[index] = true;
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    String string = parser.getString();
                    if (hasLoneSurrogate(string)) {
                        return Row.rejected(number, name, "text.surrogate", "the field " + name
                                + " holds an escape such as \\ud800 that is half of a character");
                    }
                    values[index] = string.isEmpty() ? null : string;
                } else if (value != JsonToken.VALUE_NULL) {
                    return Row.rejected(number, name, "json.string", "the field " + name
                            + " must be a JSON string or null");
                }
            }
            if (parser.nextToken() != null) {
                return Row.rejected(number, null, "json.more", "the line holds more than one JSON value");
            }
            return Row.of(number, CitizenDocument.of(values));
        } catch (UnexpectedEndOfInputException e) {
            if (!ended) {
                throw ImportFileRefused.truncated(number);
            }
            return Row.rejected(number, null, "json.cut", "the line ends in the middle of a JSON object");
        } catch (JacksonException e) {
            return Row.rejected(number, null, "json.invalid", "the line is not valid JSON: "
                    + abbreviate(e.getOriginalMessage()));
        }
    }

    /** Component name to position, the order {@link CitizenDocument#of} takes values in. */
    private static Map<String, Integer> fields() {
        RecordComponent[] components = CitizenDocument.class.getRecordComponents();
        Map<String, Integer> fields = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            fields.put(components[i].getName(), i);
        }
        if (fields.size() != CitizenDocument.CSV_HEADER.size()) {
            throw new IllegalStateException("CitizenDocument and its CSV header disagree: "
                    + Arrays.toString(components));
        }
        return Map.copyOf(fields);
    }

    /** JSON can escape half a surrogate pair; such a string cannot be stored as UTF-8. */
    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
