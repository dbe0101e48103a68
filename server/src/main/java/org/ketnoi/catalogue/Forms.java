package org.ketnoi.catalogue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ketnoi.catalogue.internal.FormSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Helpers for a procedure's form (the applicant's answers, a JSON object shaped by the procedure's
 * schema): reading it from an HTML form, prefilling it from the population registry, finding the
 * commune that handles it, filling result lines and showing it read-only. Stateless; the schema is
 * never changed.
 */
public final class Forms {

    /** Parameter names of the form's fields in HTML: {@code form.} and the dotted path. */
    public static final String PREFIX = "form.";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private static final Pattern ISO_DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private Forms() {
    }

    /** One line of a form shown read-only: the group's legend (empty for top-level fields), the label, the value. */
    public record Row(String group, String label, String value) {
    }

    /**
     * The form an HTML form submitted: parameters {@code form.<path>} (e.g. {@code form.child.fullName}),
     * typed per the schema. Integers are parsed (a value that is not one stays text, so validation
     * reports it); a checkbox is true when sent; blank values are left out, and so is an optional
     * group left entirely blank. Parameters the schema does not name are ignored.
     */
    public static ObjectNode fromParameters(Procedure p, Map<String, String[]> params) {
        ObjectNode form = NODES.objectNode();
        for (FormSchema.Group group : FormSchema.groups(p.formSchema())) {
            ObjectNode target = group.isObject() ? NODES.objectNode() : form;
            boolean answered = false;
            for (FormSchema.Field field : group.fields()) {
                String[] values = params.get(PREFIX + field.path());
                if (field.kind() == FormSchema.Kind.CHECKBOX) {
                    boolean on = values != null && Arrays.stream(values).anyMatch(v -> "true".equals(v) || "on".equals(v));
                    target.put(field.name(), on);
                    answered |= on;
                    continue;
                }
                String raw = values == null ? null : Arrays.stream(values).filter(v -> v != null && !v.isBlank())
                        .findFirst().orElse(null);
                if (raw == null) {
                    continue;
                }
                String value = raw.strip();
                if (field.kind() == FormSchema.Kind.INTEGER) {
                    try {
                        target.put(field.name(), Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        target.put(field.name(), value);
                    }
                } else {
                    target.put(field.name(), value);
                }
                answered = true;
            }
            if (group.isObject() && (answered || group.required())) {
                form.set(group.name(), target);
            }
        }
        return form;
    }

    /**
     * A form with every {@code x-prefill} field set from the registry's values (keys
     * {@code idNumber, fullName, birthDate, sex, ethnicity, nationality, permanentAddress,
     * permanentCommune}). Blank values are skipped, and so is a date field given a partial date
     * (the registry may know only the year): the applicant fills it in.
     */
    public static ObjectNode prefill(Procedure p, Map<String, String> registry) {
        ObjectNode form = NODES.objectNode();
        for (FormSchema.Field field : FormSchema.fields(p.formSchema())) {
            Optional<String> key = field.prefill();
            if (key.isEmpty()) {
                continue;
            }
            String value = registry.get(key.get());
            if (value == null || value.isBlank()
                    || field.kind() == FormSchema.Kind.DATE && !ISO_DATE.matcher(value.strip()).matches()) {
                continue;
            }
            ObjectNode target = field.group() == null ? form : form.withObjectProperty(field.group().name());
            target.put(field.name(), value.strip());
        }
        return form;
    }

    /** The value of the field marked {@code x-handling-commune: true}: the commune whose People's Committee handles the dossier. */
    public static Optional<String> handlingCommune(Procedure p, JsonNode form) {
        return FormSchema.fields(p.formSchema()).stream().filter(FormSchema.Field::handlingCommune).findFirst()
                .map(f -> FormSchema.valueAt(form, f.path()))
                .filter(JsonNode::isString).map(JsonNode::asString).filter(s -> !s.isBlank());
    }

    /**
     * A line with its {@code {a.b}} placeholders replaced by the form's values: dates (yyyy-mm-dd) as
     * dd/MM/yyyy, missing values as nothing. Without the schema, enum values stay as they are; use
     * {@link #fill(Procedure, String, JsonNode)} to show their Vietnamese titles.
     */
    public static String fill(String line, JsonNode form) {
        return replace(line, path -> plain(FormSchema.valueAt(form, path), VIETNAMESE));
    }

    /** As {@link #fill(String, JsonNode)}, enum values shown as their Vietnamese titles. */
    public static String fill(Procedure p, String line, JsonNode form) {
        return fill(p, line, form, VIETNAMESE);
    }

    /** As {@link #fill(String, JsonNode)}, enum values shown as their titles in the given language. */
    public static String fill(Procedure p, String line, JsonNode form, Locale locale) {
        return replace(line, path -> {
            JsonNode value = FormSchema.valueAt(form, path);
            return FormSchema.field(p.formSchema(), path).map(f -> display(f, value, locale))
                    .orElseGet(() -> plain(value, locale));
        });
    }

    /**
     * The submitted form read-only, in the order of the schema: labels, group legends and enum
     * titles in the reader's language, dates as dd/MM/yyyy, booleans as yes or no. Fields left
     * empty are not listed.
     */
    public static List<Row> describe(Procedure p, JsonNode form, Locale locale) {
        List<Row> rows = new ArrayList<>();
        for (FormSchema.Group group : FormSchema.groups(p.formSchema())) {
            for (FormSchema.Field field : group.fields()) {
                JsonNode value = FormSchema.valueAt(form, field.path());
                String shown = display(field, value, locale);
                if (!shown.isEmpty()) {
                    rows.add(new Row(group.legend(locale), field.label(locale), shown));
                }
            }
        }
        return rows;
    }

    private static String replace(String line, java.util.function.Function<String, String> value) {
        if (line == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1).strip())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String display(FormSchema.Field field, JsonNode value, Locale locale) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        return switch (field.kind()) {
            case SELECT -> value.isString() ? field.optionTitle(value.asString(), locale) : value.toString();
            case DATE -> date(value);
            default -> plain(value, locale);
        };
    }

    private static String plain(JsonNode value, Locale locale) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isBoolean()) {
            boolean english = locale != null && "en".equals(locale.getLanguage());
            return value.asBoolean() ? (english ? "Yes" : "Có") : (english ? "No" : "Không");
        }
        if (value.isString()) {
            return ISO_DATE.matcher(value.asString()).matches() ? date(value) : value.asString();
        }
        return value.isValueNode() ? value.asString() : "";
    }

    private static String date(JsonNode value) {
        String text = value.isString() ? value.asString() : value.asString("");
        try {
            return LocalDate.parse(text).format(DAY_MONTH_YEAR);
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
