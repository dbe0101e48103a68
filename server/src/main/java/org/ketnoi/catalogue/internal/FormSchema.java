package org.ketnoi.catalogue.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a procedure's form schema the way the portal shows it: top-level fields and groups (objects
 * one level deep), each field with its kind, labels and rules, in the order of the file.
 */
public final class FormSchema {

    /** Strings longer than this get a text area. */
    public static final int TEXTAREA_ABOVE = 200;

    private FormSchema() {
    }

    public enum Kind {
        TEXT, TEXTAREA, DATE, EMAIL, INTEGER, SELECT, CHECKBOX, COMMUNE
    }

    /**
     * A field of the form.
     *
     * @param path dotted, e.g. {@code child.fullName}
     * @param group the object holding it, or null for a top-level field
     */
    public record Field(String path, String name, JsonNode schema, boolean required, Group group) {

        public Kind kind() {
            String type = schema.path("type").asString("string");
            if ("boolean".equals(type)) {
                return Kind.CHECKBOX;
            }
            if ("integer".equals(type)) {
                return Kind.INTEGER;
            }
            if (schema.has("enum")) {
                return Kind.SELECT;
            }
            if (schema.path("x-commune").asBoolean(false)) {
                return Kind.COMMUNE;
            }
            String format = schema.path("format").asString("");
            if ("date".equals(format)) {
                return Kind.DATE;
            }
            if ("email".equals(format)) {
                return Kind.EMAIL;
            }
            return schema.path("maxLength").asInt(0) > TEXTAREA_ABOVE ? Kind.TEXTAREA : Kind.TEXT;
        }

        public String label(Locale locale) {
            return FormSchema.title(schema, locale, name);
        }

        public Optional<String> hint(Locale locale) {
            return FormSchema.description(schema, locale);
        }

        /** The enum's values with their titles in the reader's language (the value itself when untitled). */
        public List<Option> options(Locale locale) {
            List<Option> options = new ArrayList<>();
            JsonNode values = schema.path("enum");
            JsonNode titles = schema.path("x-enum-titles").path(english(locale) ? "en" : "vi");
            JsonNode vi = schema.path("x-enum-titles").path("vi");
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i).asString();
                String title = titles.path(i).isString() ? titles.get(i).asString()
                        : vi.path(i).isString() ? vi.get(i).asString() : value;
                options.add(new Option(value, title));
            }
            return options;
        }

        /** The title of an enum value in the reader's language, or the value when it is not one of the enum's. */
        public String optionTitle(String value, Locale locale) {
            return options(locale).stream().filter(o -> o.value().equals(value)).map(Option::title).findFirst()
                    .orElse(value);
        }

        public Optional<String> prefill() {
            return Optional.ofNullable(schema.get("x-prefill")).filter(JsonNode::isString).map(JsonNode::asString);
        }

        public boolean handlingCommune() {
            return schema.path("x-handling-commune").asBoolean(false);
        }
    }

    public record Option(String value, String title) {
    }

    /**
     * A run of fields shown together: an object of the schema (a fieldset with a legend), or
     * top-level fields between objects ({@code name} null).
     */
    public record Group(String name, JsonNode schema, boolean required, List<Field> fields) {

        public boolean isObject() {
            return name != null;
        }

        public String legend(Locale locale) {
            return name == null ? "" : FormSchema.title(schema, locale, name);
        }

        public Optional<String> hint(Locale locale) {
            return name == null ? Optional.empty() : FormSchema.description(schema, locale);
        }
    }

    /** The form's groups in the order of the schema. */
    public static List<Group> groups(JsonNode schema) {
        List<Group> groups = new ArrayList<>();
        Set<String> required = names(schema.path("required"));
        List<Field> loose = null;
        for (var property : schema.path("properties").properties()) {
            JsonNode node = property.getValue();
            if ("object".equals(node.path("type").asString(""))) {
                List<Field> fields = new ArrayList<>();
                Group group = new Group(property.getKey(), node, required.contains(property.getKey()), fields);
                Set<String> inner = names(node.path("required"));
                for (var child : node.path("properties").properties()) {
                    fields.add(new Field(property.getKey() + "." + child.getKey(), child.getKey(), child.getValue(),
                            inner.contains(child.getKey()), group));
                }
                groups.add(group);
                loose = null;
            } else {
                if (loose == null) {
                    loose = new ArrayList<>();
                    groups.add(new Group(null, schema, true, loose));
                }
                loose.add(new Field(property.getKey(), property.getKey(), node, required.contains(property.getKey()),
                        null));
            }
        }
        return groups;
    }

    /** Every field, in order. */
    public static List<Field> fields(JsonNode schema) {
        return groups(schema).stream().flatMap(g -> g.fields().stream()).toList();
    }

    public static Optional<Field> field(JsonNode schema, String path) {
        return fields(schema).stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The value at a dotted path, or a missing node. */
    public static JsonNode valueAt(JsonNode form, String path) {
        JsonNode node = form == null ? null : form;
        for (String name : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return tools.jackson.databind.node.MissingNode.getInstance();
            }
            node = node.get(name);
        }
        return node == null ? tools.jackson.databind.node.MissingNode.getInstance() : node;
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    static String title(JsonNode schema, Locale locale, String fallback) {
        String en = schema.path("x-title-en").asString("");
        String vi = schema.path("title").asString("");
        if (english(locale) && !en.isBlank()) {
            return en;
        }
        return !vi.isBlank() ? vi : !en.isBlank() ? en : fallback;
    }

    static Optional<String> description(JsonNode schema, Locale locale) {
        String en = schema.path("x-description-en").asString("");
        String vi = schema.path("description").asString("");
        String text = english(locale) && !en.isBlank() ? en : vi;
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }
}
