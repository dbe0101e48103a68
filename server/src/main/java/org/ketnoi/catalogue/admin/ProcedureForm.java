package org.ketnoi.catalogue.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.Procedure.Text;
import org.ketnoi.catalogue.internal.Problem;
import org.ketnoi.catalogue.internal.ProcedureJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The administration form of a procedure, as the browser sent it (every value text, so a refused
 * form shows what was typed): read from request parameters, filled from a procedure, and turned
 * into a procedure with the problems of its values.
 */
public record ProcedureForm(String code, int baseVersion, String nameVi, String nameEn, String descriptionVi,
        String descriptionEn, String fieldVi, String fieldEn, String level, String departmentSegment,
        String centralAgency, String owner, Set<String> subjects, List<ComponentRow> components, List<FeeRow> fees,
        String timeAmount, String timeUnit, String onlineMode, String legalBasisVi, String legalBasisEn,
        String processKey, String secondAgency, String resultTitleVi, String resultTitleEn, String resultLinesVi,
        String resultLinesEn, String formSchema) {

    private static final Pattern ROW = Pattern.compile("^(components|fees)\\[(\\d{1,3})]\\.(\\w+)$");

    public record ComponentRow(String key, String nameVi, String nameEn, String copy, String quantity,
            boolean required, boolean fromRegistry) {

        static ComponentRow blank() {
            return new ComponentRow("", "", "", "ORIGINAL", "1", true, false);
        }

        boolean isBlank() {
            return key.isBlank() && nameVi.isBlank() && nameEn.isBlank();
        }
    }

    public record FeeRow(String nameVi, String nameEn, String amount) {

        static FeeRow blank() {
            return new FeeRow("", "", "0");
        }

        boolean isBlank() {
            return nameVi.isBlank() && nameEn.isBlank() && (amount.isBlank() || "0".equals(amount.strip()));
        }
    }

    /** A procedure turned into the form (for editing it). */
    public static ProcedureForm of(Procedure p) {
        return new ProcedureForm(p.code(), p.version(), p.name().vi(), p.name().en(), p.description().vi(),
                p.description().en(), p.field().vi(), p.field().en(), p.level(), p.departmentSegment().orElse(""),
                p.centralAgency().orElse(""), p.owner().orElse(""),
                new java.util.LinkedHashSet<>(p.subjects().stream().map(Enum::name).toList()),
                p.components().stream().map(c -> new ComponentRow(c.key(), c.name().vi(), c.name().en(),
                        c.copy().name(), String.valueOf(c.quantity()), c.required(), c.fromRegistry())).toList(),
                p.fees().stream().map(f -> new FeeRow(f.name().vi(), f.name().en(), String.valueOf(f.amount())))
                        .toList(),
                String.valueOf(p.processingTime().amount()), p.processingTime().unit().name(), p.onlineMode().name(),
                p.legalBasis().vi(), p.legalBasis().en(), p.processKey(), p.secondAgency().orElse(""),
                p.result().title().vi(), p.result().title().en(),
                String.join("\n", p.result().lines().stream().map(Text::vi).toList()),
                String.join("\n", p.result().lines().stream().map(Text::en).toList()),
                p.formSchema().toPrettyString());
    }

    /** A new procedure's form: one blank component, free, one-stop, with a starting form schema. */
    public static ProcedureForm blank(String owner) {
        return new ProcedureForm("", 0, "", "", "", "", "", "", "commune", "", "", owner == null ? "" : owner,
                new java.util.LinkedHashSet<>(List.of("CITIZEN")), List.of(ComponentRow.blank()), List.of(),
                "0", "WORKING_DAYS", "PARTIAL", "", "", "one-stop", "", "", "", "", "", STARTER_SCHEMA);
    }

    /** What a new procedure's form starts with: the applicant, prefilled from the registry. */
    static final String STARTER_SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "applicant": {
                  "type": "object",
                  "title": "Người nộp hồ sơ",
                  "x-title-en": "Applicant",
                  "properties": {
                    "idNumber": {"type": "string", "title": "Số định danh cá nhân", "x-title-en": "Personal identification number", "pattern": "^[0-9]{12}$", "x-prefill": "idNumber"},
                    "fullName": {"type": "string", "title": "Họ, chữ đệm, tên", "x-title-en": "Full name", "maxLength": 100, "x-prefill": "fullName"},
                    "birthDate": {"type": "string", "title": "Ngày, tháng, năm sinh", "x-title-en": "Date of birth", "format": "date", "x-prefill": "birthDate"},
                    "permanentAddress": {"type": "string", "title": "Nơi thường trú", "x-title-en": "Permanent residence", "maxLength": 255, "x-prefill": "permanentAddress"},
                    "permanentCommune": {"type": "string", "title": "Xã, phường nơi thường trú", "x-title-en": "Commune or ward of permanent residence", "pattern": "^[0-9]{5}$", "x-commune": true, "x-handling-commune": true, "x-prefill": "permanentCommune"},
                    "phone": {"type": "string", "title": "Số điện thoại", "x-title-en": "Telephone", "pattern": "^(0|\\\\+84)[0-9]{9,10}$"},
                    "email": {"type": "string", "title": "Thư điện tử", "x-title-en": "E-mail", "format": "email"}
                  },
                  "required": ["idNumber", "fullName", "birthDate", "permanentAddress", "permanentCommune"]
                }
              },
              "required": ["applicant"]
            }""";

    /** The form as posted; rows ticked for removal are left out. */
    public static ProcedureForm from(Map<String, String[]> params) {
        Map<Integer, Map<String, String>> components = new TreeMap<>();
        Map<Integer, Map<String, String>> fees = new TreeMap<>();
        for (var e : params.entrySet()) {
            Matcher m = ROW.matcher(e.getKey());
            if (m.matches()) {
                (m.group(1).equals("components") ? components : fees)
                        .computeIfAbsent(Integer.parseInt(m.group(2)), i -> new java.util.HashMap<>())
                        .put(m.group(3), first(e.getValue()));
            }
        }
        List<ComponentRow> componentRows = new ArrayList<>();
        components.values().stream().filter(r -> r.get("remove") == null).forEach(r -> componentRows.add(
                new ComponentRow(v(r, "key"), v(r, "nameVi"), v(r, "nameEn"), v(r, "copy"), v(r, "quantity"),
                        r.get("required") != null, r.get("fromRegistry") != null)));
        List<FeeRow> feeRows = new ArrayList<>();
        fees.values().stream().filter(r -> r.get("remove") == null).forEach(r -> feeRows.add(
                new FeeRow(v(r, "nameVi"), v(r, "nameEn"), v(r, "amount"))));
        String[] subjects = params.getOrDefault("subjects", new String[0]);
        int base;
        try {
            base = Integer.parseInt(p(params, "baseVersion"));
        } catch (NumberFormatException e) {
            base = -1;
        }
        return new ProcedureForm(p(params, "code"), base, p(params, "nameVi"), p(params, "nameEn"),
                p(params, "descriptionVi"), p(params, "descriptionEn"), p(params, "fieldVi"), p(params, "fieldEn"),
                p(params, "level"), p(params, "departmentSegment"), p(params, "centralAgency"), p(params, "owner"),
                new java.util.LinkedHashSet<>(Arrays.asList(subjects)), componentRows, feeRows,
                p(params, "timeAmount"), p(params, "timeUnit"), p(params, "onlineMode"), p(params, "legalBasisVi"),
                p(params, "legalBasisEn"), p(params, "processKey"), p(params, "secondAgency"),
                p(params, "resultTitleVi"), p(params, "resultTitleEn"), p(params, "resultLinesVi"),
                p(params, "resultLinesEn"), p(params, "formSchema"));
    }

    /** The form without its blank rows, as it is saved (problems then point at the rows shown). */
    public ProcedureForm compact() {
        return withRows(components.stream().filter(r -> !r.isBlank()).toList(),
                fees.stream().filter(r -> !r.isBlank()).toList());
    }

    public ProcedureForm withComponent() {
        List<ComponentRow> rows = new ArrayList<>(components);
        rows.add(ComponentRow.blank());
        return withRows(rows, fees);
    }

    public ProcedureForm withFee() {
        List<FeeRow> rows = new ArrayList<>(fees);
        rows.add(FeeRow.blank());
        return withRows(components, rows);
    }

    public ProcedureForm withOwner(String owner) {
        return new ProcedureForm(code, baseVersion, nameVi, nameEn, descriptionVi, descriptionEn, fieldVi, fieldEn,
                level, departmentSegment, centralAgency, owner, subjects, components, fees, timeAmount, timeUnit,
                onlineMode, legalBasisVi, legalBasisEn, processKey, secondAgency, resultTitleVi, resultTitleEn,
                resultLinesVi, resultLinesEn, formSchema);
    }

    public ProcedureForm withCode(String code, int baseVersion) {
        return new ProcedureForm(code, baseVersion, nameVi, nameEn, descriptionVi, descriptionEn, fieldVi, fieldEn,
                level, departmentSegment, centralAgency, owner, subjects, components, fees, timeAmount, timeUnit,
                onlineMode, legalBasisVi, legalBasisEn, processKey, secondAgency, resultTitleVi, resultTitleEn,
                resultLinesVi, resultLinesEn, formSchema);
    }

    private ProcedureForm withRows(List<ComponentRow> c, List<FeeRow> f) {
        return new ProcedureForm(code, baseVersion, nameVi, nameEn, descriptionVi, descriptionEn, fieldVi, fieldEn,
                level, departmentSegment, centralAgency, owner, subjects, List.copyOf(c), List.copyOf(f), timeAmount,
                timeUnit, onlineMode, legalBasisVi, legalBasisEn, processKey, secondAgency, resultTitleVi,
                resultTitleEn, resultLinesVi, resultLinesEn, formSchema);
    }

    /** The procedure this form describes, or its values' problems (the catalogue's rules come after). */
    public record Parsed(Procedure procedure, List<Problem> problems, boolean schemaParsed) {
    }

    public Parsed toProcedure(int version) {
        List<Problem> problems = new ArrayList<>();
        List<Procedure.Component> componentList = new ArrayList<>();
        List<ComponentRow> rows = components.stream().filter(r -> !r.isBlank()).toList();
        for (int i = 0; i < rows.size(); i++) {
            ComponentRow r = rows.get(i);
            componentList.add(new Procedure.Component(r.key().strip(), new Text(r.nameVi().strip(), r.nameEn().strip()),
                    constant(r.copy(), Procedure.Copy.class, "components-" + i + "-copy", problems),
                    (int) number(r.quantity(), "components-" + i + "-quantity", "component.quantity", problems),
                    r.required(), r.fromRegistry()));
        }
        List<Procedure.Fee> feeList = new ArrayList<>();
        List<FeeRow> feeRows = fees.stream().filter(r -> !r.isBlank()).toList();
        for (int i = 0; i < feeRows.size(); i++) {
            FeeRow r = feeRows.get(i);
            feeList.add(new Procedure.Fee(new Text(r.nameVi().strip(), r.nameEn().strip()),
                    number(r.amount(), "fees-" + i + "-amount", "fee.amount", problems)));
        }
        Set<Procedure.Subject> subjectSet = EnumSet.noneOf(Procedure.Subject.class);
        for (String s : subjects) {
            Procedure.Subject subject = constant(s, Procedure.Subject.class, "subjects", problems);
            if (subject != null) {
                subjectSet.add(subject);
            }
        }
        List<String> linesVi = lines(resultLinesVi);
        List<String> linesEn = lines(resultLinesEn);
        if (!linesEn.isEmpty() && linesEn.size() != linesVi.size()) {
            problems.add(Problem.of("resultLinesEn", "result.lines", "The result has " + linesVi.size()
                    + " Vietnamese lines and " + linesEn.size() + " English lines; give each line in both",
                    linesVi.size(), linesEn.size()));
        }
        List<Text> lines = new ArrayList<>();
        for (int i = 0; i < linesVi.size(); i++) {
            lines.add(new Text(linesVi.get(i), i < linesEn.size() ? linesEn.get(i) : ""));
        }
        JsonNode schema;
        boolean schemaParsed = true;
        try {
            schema = ProcedureJson.JSON.readTree(formSchema == null ? "" : formSchema);
            if (schema == null || schema.isMissingNode()) {
                throw new IllegalArgumentException("empty");
            }
        } catch (JacksonException e) {
            var at = e.getLocation();
            problems.add(Problem.of("formSchema", "schema.json", "The form schema is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage(), at == null ? "?" : at.getLineNr(), at == null ? "?" : at.getColumnNr()));
            schema = JsonNodeFactory.instance.objectNode();
            schemaParsed = false;
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of("formSchema", "schema.json", "The form schema is empty", "1", "1"));
            schema = JsonNodeFactory.instance.objectNode();
            schemaParsed = false;
        }
        String lvl = level.strip();
        Optional<String> segment = "province".equals(lvl) ? optional(departmentSegment) : Optional.empty();
        Optional<String> central = "central".equals(lvl) ? optional(centralAgency) : Optional.empty();
        String process = processKey.strip();
        Procedure.TimeUnit unit = constant(timeUnit, Procedure.TimeUnit.class, "timeUnit", problems);
        Procedure.OnlineMode mode = constant(onlineMode, Procedure.OnlineMode.class, "onlineMode", problems);
        Procedure p = new Procedure(code.strip(), version, new Text(nameVi.strip(), nameEn.strip()),
                new Text(fieldVi.strip(), fieldEn.strip()), lvl, segment, central,
                java.util.Collections.unmodifiableSet(subjectSet), List.copyOf(componentList), schema,
                List.copyOf(feeList), new Procedure.ProcessingTime((int) number(timeAmount, "timeAmount", "time",
                        problems), unit == null ? Procedure.TimeUnit.WORKING_DAYS : unit),
                mode == null ? Procedure.OnlineMode.PARTIAL : mode, new Text(legalBasisVi.strip(), legalBasisEn.strip()),
                process, "two-agency".equals(process) ? optional(secondAgency) : Optional.empty(),
                new Procedure.ResultTemplate(new Text(resultTitleVi.strip(), resultTitleEn.strip()), List.copyOf(lines)),
                new Text(descriptionVi.strip(), descriptionEn.strip()), optional(owner));
        return new Parsed(p, problems, schemaParsed);
    }

    private static Optional<String> optional(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** A whole number as people type it: 50.000, 50,000 and 50 000 are fifty thousand. */
    private static long number(String text, String field, String code, List<Problem> problems) {
        String digits = text == null ? "" : text.strip().replaceAll("[.,\\s]", "");
        if (!digits.matches("-?[0-9]{1,12}")) {
            problems.add(Problem.of(field, code, "'" + text + "' is not a whole number", text));
            return 0;
        }
        return Long.parseLong(digits);
    }

    private static <E extends Enum<E>> E constant(String value, Class<E> type, String field, List<Problem> problems) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        problems.add(Problem.of(field, "choice", "Choose one of " + EnumSet.allOf(type) + "; got '" + value + "'",
                String.valueOf(value)));
        return null;
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String v(Map<String, String> row, String key) {
        return row.getOrDefault(key, "") == null ? "" : row.getOrDefault(key, "");
    }

    private static String p(Map<String, String[]> params, String name) {
        String value = first(params.get(name));
        return value == null ? "" : value;
    }
}
