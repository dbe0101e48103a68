package org.ketnoi.catalogue.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue.FormProblem;
import tools.jackson.databind.JsonNode;

/**
 * Validates forms with networknt's JSON Schema validator (draft 2020-12, formats asserted). Each
 * procedure version's schema is compiled once and kept; the platform's own keywords ({@code x-…})
 * are known to the dialect, so they neither warn nor validate.
 */
@org.springframework.stereotype.Component
public final class FormValidator {

    /** The platform's own keywords in form schemas (procedure-format.md). */
    public static final List<String> OWN_KEYWORDS = List.of("x-title-en", "x-description-en", "x-enum-titles",
            "x-prefill", "x-commune", "x-handling-commune", ProcedureJson.ORDER);

    private final SchemaRegistry registry;
    private final Schema metaSchema;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public FormValidator() {
        Dialect.Builder dialect = Dialect.builder(Dialects.getDraft202012());
        OWN_KEYWORDS.forEach(k -> dialect.keyword(new NonValidationKeyword(k)));
        registry = SchemaRegistry.withDialect(dialect.build(), b -> b.schemaRegistryConfig(
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        metaSchema = registry.getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));
        metaSchema.initializeValidators();
    }

    /** The procedure version's compiled schema, compiled on first use. */
    Schema schema(Procedure p) {
        return compiled.computeIfAbsent(p.code() + "@" + p.version(), k -> compile(p.formSchema()));
    }

    Schema compile(JsonNode schema) {
        Schema s = registry.getSchema(schema);
        s.initializeValidators();
        return s;
    }

    /** What the draft 2020-12 meta-schema finds wrong with a schema, as "location: message" lines. */
    List<String> metaProblems(JsonNode schema) {
        return metaSchema.validate(schema).stream()
                .map(e -> (e.getInstanceLocation().toString().isEmpty() ? "/" : e.getInstanceLocation()) + ": "
                        + e.getMessage())
                .distinct().toList();
    }

    /**
     * The form's problems, one per field (the first the validator reports), in the order of the
     * form's fields; {@code communeKnown} checks {@code x-commune} fields the schema let through.
     */
    public List<FormProblem> validate(Procedure p, JsonNode form, Predicate<String> communeKnown) {
        List<Error> errors = schema(p).validate(form);
        Map<String, FormProblem> byPath = new LinkedHashMap<>();
        for (Error e : errors) {
            String path = path(e);
            byPath.putIfAbsent(path, new FormProblem(last(path), e.getKeyword(), english(e, path), path));
        }
        for (FormSchema.Field f : FormSchema.fields(p.formSchema())) {
            if (f.kind() == FormSchema.Kind.COMMUNE && !byPath.containsKey(f.path())) {
                JsonNode v = FormSchema.valueAt(form, f.path());
                if (v.isString() && v.asString().matches("[0-9]{5}") && !communeKnown.test(v.asString())) {
                    byPath.put(f.path(), new FormProblem(f.name(), "commune",
                            f.path() + ": no commune-level unit has the code " + v.asString(), f.path()));
                }
            }
        }
        Map<String, Integer> order = new HashMap<>();
        List<FormSchema.Field> fields = FormSchema.fields(p.formSchema());
        for (int i = 0; i < fields.size(); i++) {
            order.put(fields.get(i).path(), i);
        }
        List<FormProblem> problems = new ArrayList<>(byPath.values());
        problems.sort(java.util.Comparator.comparingInt(fp -> order.getOrDefault(fp.path(), position(fp.path(), order))));
        return problems;
    }

    /** A group's problem sorts before its first field; anything else last. */
    private static int position(String path, Map<String, Integer> order) {
        return order.entrySet().stream().filter(e -> e.getKey().startsWith(path + ".")).mapToInt(Map.Entry::getValue)
                .min().orElse(Integer.MAX_VALUE);
    }

    /** The dotted path of the field an error is about: the missing property for {@code required}. */
    static String path(Error e) {
        var location = e.getInstanceLocation();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(location.getName(i));
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(e.getProperty());
        }
        return path.toString();
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String english(Error e, String path) {
        String where = path.isEmpty() ? "the form" : path;
        return switch (e.getKeyword()) {
            case "required" -> where + " is required";
            case "type" -> where + ": " + e.getMessage().replace(" found, ", " given, ") ;
            default -> where + ": " + e.getMessage();
        };
    }
}
