package org.ketnoi.agency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference lists the agency tree is built from ({@code reference/*.csv} in the application):
 * read once by the tree's migration, and by modules that name kinds of agency without a database
 * (the catalogue's rules).
 */
public final class ReferenceLists {

    /** @param key a department's segment ({@code 03}) or a central agency's identifier */
    public record Named(String key, String kind, String name, String nameEn) {
    }

    private ReferenceLists() {
    }

    /** The departments of a provincial People's Committee, by segment. */
    public static List<Named> provincialDepartments() {
        return named("reference/provincial-departments.csv");
    }

    /** Ministries and other central agencies. */
    public static List<Named> centralAgencies() {
        return named("reference/central-agencies.csv");
    }

    private static List<Named> named(String path) {
        try {
            return csv(path).stream().map(f -> new Named(f.get(0), f.get(1), f.get(2), f.get(3))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a small UTF-8 CSV with a header, fields optionally in double quotes. */
    public static List<List<String>> csv(String path) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(path), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                for (int i = 0; i < line.length(); i++) {
                    char ch = line.charAt(i);
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
                rows.add(fields);
            }
        }
        return rows;
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = ReferenceLists.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("Reference data " + path + " is missing from the application");
        }
        return in;
    }
}
