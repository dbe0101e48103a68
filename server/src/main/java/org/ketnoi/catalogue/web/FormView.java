package org.ketnoi.catalogue.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue.FormProblem;
import org.ketnoi.catalogue.internal.FormSchema;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What the fragment {@code catalogue/form :: fields(procedure, form, problems)} shows: the schema's
 * groups and fields with labels, hints, values and problems in the reader's language. Templates
 * reach it as {@code @catalogueForm}.
 */
@Component("catalogueForm")
public class FormView {

    private final MessageSource messages;

    FormView(MessageSource messages) {
        this.messages = messages;
    }

    public record View(List<Group> groups, List<ErrorLink> errors) {
    }

    /**
     * A fieldset for an object of the schema ({@code fieldset} true), or top-level fields shown bare.
     */
    public record Group(boolean fieldset, String id, String legend, String hint, String error, List<Field> fields) {

        public String describedBy() {
            return join(hint == null ? null : id + "-hint", error == null ? null : id + "-error");
        }
    }

    /**
     * @param kind {@code text, textarea, date, email, integer, select, checkbox, commune}
     * @param width the GOV.UK width class of an input
     */
    public record Field(String id, String name, String label, String hint, String kind, String value, boolean checked,
            List<Option> options, String error, Integer maxLength, String width, String autocomplete, String type) {

        public String describedBy() {
            return join(hint == null && !"commune".equals(kind) ? null : id + "-hint",
                    error == null ? null : id + "-error");
        }
    }

    public record Option(String value, String title, boolean selected) {
    }

    public record ErrorLink(String href, String message) {
    }

    public View of(Procedure procedure, JsonNode form, List<FormProblem> problems, Locale locale) {
        List<FormProblem> all = problems == null ? List.of() : problems;
        Map<String, FormProblem> byPath = all.stream().collect(Collectors.toMap(FormView::path, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
        List<Group> groups = new ArrayList<>();
        List<ErrorLink> errors = new ArrayList<>();
        String firstField = null;
        for (FormSchema.Group g : FormSchema.groups(procedure.formSchema())) {
            String groupId = g.isObject() ? id(g.name()) : null;
            String groupError = null;
            if (g.isObject() && byPath.containsKey(g.name())) {
                groupError = message(byPath.get(g.name()), g.legend(locale), null, locale);
                errors.add(new ErrorLink("#" + groupId, groupError));
            }
            List<Field> fields = new ArrayList<>();
            for (FormSchema.Field f : g.fields()) {
                String fieldId = id(f.path());
                firstField = firstField == null ? fieldId : firstField;
                String error = null;
                FormProblem problem = byPath.get(f.path());
                if (problem != null) {
                    error = message(problem, f.label(locale), f, locale);
                    errors.add(new ErrorLink("#" + fieldId, error));
                }
                fields.add(field(f, fieldId, FormSchema.valueAt(form, f.path()), error, locale));
            }
            groups.add(new Group(g.isObject(), groupId, g.legend(locale), g.hint(locale).orElse(null), groupError,
                    fields));
        }
        String fallback = "#" + (firstField == null ? "main-content" : firstField);
        for (FormProblem p : all) {
            if (FormSchema.field(procedure.formSchema(), path(p)).isEmpty()
                    && FormSchema.groups(procedure.formSchema()).stream().noneMatch(g -> path(p).equals(g.name()))) {
                errors.add(new ErrorLink(fallback, message(p, "", null, locale)));
            }
        }
        return new View(groups, errors);
    }

    private Field field(FormSchema.Field f, String id, JsonNode value, String error, Locale locale) {
        FormSchema.Kind kind = f.kind();
        boolean english = "en".equals(locale.getLanguage());
        String label = f.label(locale) + (f.required() || kind == FormSchema.Kind.CHECKBOX ? ""
                : english ? " (optional)" : " (không bắt buộc)");
        String text = value == null || value.isMissingNode() || value.isNull() || !value.isValueNode() ? ""
                : value.asString();
        List<Option> options = List.of();
        if (kind == FormSchema.Kind.SELECT) {
            options = f.options(locale).stream().map(o -> new Option(o.value(), o.title(), o.value().equals(text)))
                    .toList();
        }
        Integer maxLength = f.schema().has("maxLength") ? f.schema().get("maxLength").asInt() : null;
        String width = switch (kind) {
            case DATE, INTEGER -> "govuk-input--width-10";
            case COMMUNE -> "govuk-input--width-5";
            case EMAIL -> "govuk-!-width-two-thirds";
            default -> f.schema().has("pattern") || maxLength != null && maxLength <= 20 ? "govuk-input--width-20"
                    : "govuk-!-width-two-thirds";
        };
        boolean applicant = f.group() != null && "applicant".equals(f.group().name());
        String autocomplete = null;
        String type = switch (kind) {
            case DATE -> "date";
            case EMAIL -> "email";
            default -> "text";
        };
        if (applicant) {
            autocomplete = switch (f.prefill().orElse(f.name())) {
                case "fullName" -> "name";
                case "birthDate" -> "bday";
                case "email" -> "email";
                case "phone" -> "tel";
                default -> null;
            };
            if ("phone".equals(f.name()) && kind == FormSchema.Kind.TEXT) {
                type = "tel";
            }
        }
        return new Field(id, org.ketnoi.catalogue.Forms.PREFIX + f.path(), label, f.hint(locale).orElse(null),
                kind.name().toLowerCase(Locale.ROOT), text, value != null && value.isBoolean() && value.asBoolean(),
                options, error, maxLength, width, autocomplete, type);
    }

    /** A problem in the reader's language: {@code form.problem.<code>[.<detail>]}, else the general one. */
    private String message(FormProblem p, String label, FormSchema.Field field, Locale locale) {
        String code = p.code() == null ? "invalid" : p.code();
        String detail = null;
        Object limit = "";
        if (field != null) {
            JsonNode schema = field.schema();
            detail = switch (code) {
                case "format" -> schema.path("format").asString(null);
                case "required" -> field.kind() == FormSchema.Kind.SELECT ? "select" : null;
                case "type" -> schema.path("type").asString(null);
                default -> null;
            };
            JsonNode bound = schema.get(code);
            if (bound != null && bound.isNumber()) {
                limit = bound.asString();
            }
        }
        String lower = label.isEmpty() ? label : label.substring(0, 1).toLowerCase(locale) + label.substring(1);
        List<String> codes = new ArrayList<>();
        if (detail != null) {
            codes.add("form.problem." + code + "." + detail);
        }
        codes.add("form.problem." + code);
        codes.add("form.problem");
        return messages.getMessage(new DefaultMessageSourceResolvable(codes.toArray(String[]::new),
                new Object[] {label, lower, limit}, p.message()), locale);
    }

    private static String path(FormProblem p) {
        return Optional.ofNullable(p.path()).orElse(p.field() == null ? "" : p.field());
    }

    /** An element id for a dotted path: {@code form-child-fullName} (ids with dots need escaping in CSS). */
    public static String id(String path) {
        return "form-" + path.replace('.', '-');
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
        return s.isEmpty() ? null : s;
    }
}
