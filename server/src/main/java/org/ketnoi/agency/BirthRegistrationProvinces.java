package org.ketnoi.agency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 63 province codes of birth registration as a fixed table, for checks that must not touch
 * the database (parsing millions of ID numbers). The same file fills agency.birth_registration_province.
 */
public final class BirthRegistrationProvinces {

    private static final Map<String, String> NAMES = load();

    private BirthRegistrationProvinces() {
    }

    public static boolean isKnown(String code) {
        return NAMES.containsKey(code);
    }

    /** Code to name, in code order. */
    public static Map<String, String> all() {
        return NAMES;
    }

    private static Map<String, String> load() {
        Map<String, String> names = new TreeMap<>();
        try (InputStream in = BirthRegistrationProvinces.class.getClassLoader()
                .getResourceAsStream("reference/birth-registration-provinces.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    names.put(line.substring(0, 3), line.substring(4));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
