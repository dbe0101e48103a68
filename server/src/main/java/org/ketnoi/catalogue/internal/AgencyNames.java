package org.ketnoi.catalogue.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ketnoi.catalogue.Procedure.Text;
import org.springframework.stereotype.Component;

/**
 * The kinds of agency a procedure names: the provincial departments by their segment ({@code 03}
 * Justice) and the central agencies by id, with their names, from the reference lists the agency
 * tree is built from (reference/*.csv).
 */
@Component
public class AgencyNames {

    private final Map<String, Text> departments;
    private final Map<String, Text> centralAgencies;

    public AgencyNames() {
        departments = read("reference/provincial-departments.csv");
        centralAgencies = read("reference/central-agencies.csv");
    }

    /** Departments of a provincial People's Committee, by segment. */
    public Map<String, Text> departments() {
        return departments;
    }

    /** Ministries and other central agencies, by id. */
    public Map<String, Text> centralAgencies() {
        return centralAgencies;
    }

    public Optional<Text> department(String segment) {
        return Optional.ofNullable(segment).map(departments::get);
    }

    public Optional<Text> centralAgency(String id) {
        return Optional.ofNullable(id).map(centralAgencies::get);
    }

    /** A name of either kind: a segment or a central agency id. */
    public Optional<Text> any(String key) {
        return department(key).or(() -> centralAgency(key));
    }

    /** Rows of id, kind, name, English name (fields may be quoted). */
    private static Map<String, Text> read(String path) {
        Map<String, Text> names = new LinkedHashMap<>();
        try (InputStream in = AgencyNames.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Reference data " + path + " is missing from the application");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    List<String> f = fields(line);
                    names.put(f.get(0), new Text(f.get(2), f.get(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(names);
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
