package org.ketnoi.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** PLACEHOLDER until the `catalogue` branch lands (same signatures). */
public final class Forms {

    private Forms() {
    }

    public record Row(String group, String label, String value) {
    }

    public static ObjectNode fromParameters(Procedure p, Map<String, String[]> params) {
        throw new UnsupportedOperationException("placeholder");
    }

    public static ObjectNode prefill(Procedure p, Map<String, String> registry) {
        throw new UnsupportedOperationException("placeholder");
    }

    public static Optional<String> handlingCommune(Procedure p, JsonNode form) {
        throw new UnsupportedOperationException("placeholder");
    }

    public static String fill(String line, JsonNode form) {
        throw new UnsupportedOperationException("placeholder");
    }

    public static List<Row> describe(Procedure p, JsonNode form, Locale locale) {
        throw new UnsupportedOperationException("placeholder");
    }
}
