package org.ketnoi.catalogue.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.platform.InvalidInput;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What a procedure must be before the catalogue publishes it, whoever gives it (a seed file or an
 * administrator): a national code, names, where it is handled, components, fees that are not
 * negative, a known process, and a form schema that is valid JSON Schema within what the portal
 * can show (procedure-format.md).
 */
@Component
public class ProcedureRules {

    public static final Pattern CODE = Pattern.compile("^[0-9]\\.[0-9]{6}$");
    public static final List<String> LEVELS = List.of("commune", "province", "central");
    public static final List<String> PROCESSES = List.of("one-stop", "two-agency");
    public static final List<String> PREFILL_KEYS = List.of("idNumber", "fullName", "birthDate", "sex", "ethnicity",
            "nationality", "permanentAddress", "permanentCommune");
    private static final Pattern COMPONENT_KEY = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private static final Set<String> TYPES = Set.of("object", "string", "integer", "boolean");
    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "$comment", "type", "title", "description",
            "properties", "required", "enum", "pattern", "minLength", "maxLength", "format", "minimum", "maximum",
            "default", "examples", "additionalProperties", "x-title-en", "x-description-en", "x-enum-titles",
            "x-prefill", "x-commune", "x-handling-commune");

    private final AgencyNames agencies;
    private final java.util.function.Predicate<AgencyId> agencyExists;
    private final FormValidator validator;

    @org.springframework.beans.factory.annotation.Autowired
    public ProcedureRules(AgencyNames agencies, AgencyDirectory directory, FormValidator validator) {
        this(agencies, id -> directory.find(id).isPresent(), validator);
    }

    /** @param agencyExists whether the agency tree holds an agency (owners are checked against it) */
    public ProcedureRules(AgencyNames agencies, java.util.function.Predicate<AgencyId> agencyExists,
            FormValidator validator) {
        this.agencies = agencies;
        this.agencyExists = agencyExists;
        this.validator = validator;
    }

    /** Every rule the procedure breaks; empty when it may be published. */
    public List<Problem> check(Procedure p) {
        List<Problem> problems = new ArrayList<>();
        if (p.code() == null || !CODE.matcher(p.code()).matches()) {
            problems.add(Problem.of("code", "code.shape", "A procedure code has the shape 1.001193 (a digit, a dot, "
                    + "six digits); got '" + p.code() + "'", p.code()));
        }
        if (p.name().vi().isBlank()) {
            problems.add(Problem.of("nameVi", "name.vi", "The Vietnamese name is empty"));
        }
        if (p.name().en().isBlank()) {
            problems.add(Problem.of("nameEn", "name.en", "The English name is empty"));
        }
        if (p.field().vi().isBlank()) {
            problems.add(Problem.of("fieldVi", "field.vi", "The field (lĩnh vực) is empty"));
        }
        level(p, problems);
        p.owner().ifPresent(owner -> {
            boolean known;
            try {
                known = agencyExists.test(AgencyId.parse(owner));
            } catch (InvalidInput e) {
                known = false;
            }
            if (!known) {
                problems.add(Problem.of("owner", "owner", "No agency has the identifier '" + owner + "'", owner));
            }
        });
        if (p.subjects().isEmpty()) {
            problems.add(Problem.of("subjects", "subjects", "Say who may apply: citizens, businesses or both"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < p.components().size(); i++) {
            Procedure.Component c = p.components().get(i);
            String f = "components-" + i + "-";
            if (c.key() == null || !COMPONENT_KEY.matcher(c.key()).matches()) {
                problems.add(Problem.of(f + "key", "component.key", "components[" + i + "].key must be lower-case "
                        + "letters, digits and hyphens, such as birth-notice; got '" + c.key() + "'", c.key()));
            } else if (!keys.add(c.key())) {
                problems.add(Problem.of(f + "key", "component.duplicate", "components[" + i + "].key '" + c.key()
                        + "' is used twice", c.key()));
            }
            if (c.name().vi().isBlank()) {
                problems.add(Problem.of(f + "nameVi", "component.name", "components[" + i + "] has no Vietnamese name",
                        i + 1));
            }
            if (c.quantity() < 1 || c.quantity() > 99) {
                problems.add(Problem.of(f + "quantity", "component.quantity", "components[" + i
                        + "].quantity must be 1 to 99; got " + c.quantity(), c.quantity()));
            }
        }
        for (int i = 0; i < p.fees().size(); i++) {
            Procedure.Fee fee = p.fees().get(i);
            if (fee.name().vi().isBlank()) {
                problems.add(Problem.of("fees-" + i + "-nameVi", "fee.name", "fees[" + i + "] has no Vietnamese name",
                        i + 1));
            }
            if (fee.amount() < 0) {
                problems.add(Problem.of("fees-" + i + "-amount", "fee.negative", "fees[" + i + "].amount is "
                        + fee.amount() + "; a fee is 0 đồng or more", fee.amount()));
            }
        }
        if (p.processingTime().amount() < 0 || p.processingTime().amount() > 365) {
            problems.add(Problem.of("timeAmount", "time", "The processing time is 0 (the same working day) to 365; got "
                    + p.processingTime().amount(), p.processingTime().amount()));
        }
        process(p, problems);
        if (p.result().title().vi().isBlank()) {
            problems.add(Problem.of("resultTitleVi", "result.title", "The result document has no Vietnamese title"));
        }
        List<Problem> schema = schema(p.formSchema(), p.level());
        problems.addAll(schema);
        if (schema.isEmpty()) {
            placeholders(p, problems);
        }
        return problems;
    }

    private void level(Procedure p, List<Problem> problems) {
        if (!LEVELS.contains(p.level())) {
            problems.add(Problem.of("level", "level", "The level is commune, province or central; got '" + p.level()
                    + "'", String.valueOf(p.level())));
            return;
        }
        switch (p.level()) {
            case "province" -> {
                if (p.departmentSegment().flatMap(agencies::department).isEmpty()) {
                    problems.add(Problem.of("departmentSegment", "department", "A provincial procedure names the "
                            + "department that handles it, by its segment (02 to 12); got '"
                            + p.departmentSegment().orElse("") + "'", p.departmentSegment().orElse("")));
                }
                p.centralAgency().ifPresent(a -> problems.add(Problem.of("centralAgency", "level.agency",
                        "A provincial procedure names no central agency", a)));
            }
            case "central" -> {
                if (p.centralAgency().flatMap(agencies::centralAgency).isEmpty()) {
                    problems.add(Problem.of("centralAgency", "centralAgency", "A central procedure names the "
                            + "central agency that handles it, such as 000.00.00.G06; got '"
                            + p.centralAgency().orElse("") + "'", p.centralAgency().orElse("")));
                }
                p.departmentSegment().ifPresent(s -> problems.add(Problem.of("departmentSegment", "level.agency",
                        "A central procedure names no provincial department", s)));
            }
            default -> {
                p.departmentSegment().ifPresent(s -> problems.add(Problem.of("departmentSegment", "level.agency",
                        "A commune procedure is handled by the commune's People's Committee: no department", s)));
                p.centralAgency().ifPresent(a -> problems.add(Problem.of("centralAgency", "level.agency",
                        "A commune procedure is handled by the commune's People's Committee: no central agency", a)));
            }
        }
    }

    private void process(Procedure p, List<Problem> problems) {
        if (!PROCESSES.contains(p.processKey())) {
            problems.add(Problem.of("processKey", "process", "The process is one-stop or two-agency; got '"
                    + p.processKey() + "'", String.valueOf(p.processKey())));
            return;
        }
        if ("two-agency".equals(p.processKey())) {
            String second = p.secondAgency().orElse("");
            if (!"commune".equals(second) && agencies.any(second).isEmpty()) {
                problems.add(Problem.of("secondAgency", "secondAgency", "A two-agency procedure names the second "
                        + "agency: commune, a department segment such as 03, or a central agency id; got '" + second
                        + "'", second));
            }
        } else {
            p.secondAgency().ifPresent(s -> problems.add(Problem.of("secondAgency", "secondAgency.none",
                    "Only a two-agency procedure has a second agency", s)));
        }
    }

    /** What the portal needs of a form schema; empty when it can be shown and validated. */
    public List<Problem> schema(JsonNode schema, String level) {
        List<Problem> problems = new ArrayList<>();
        if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asString(""))
                || !schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
            problems.add(Problem.of("formSchema", "schema.root",
                    "The form schema is an object schema: {\"type\": \"object\", \"properties\": {...}}"));
            return problems;
        }
        validator.metaProblems(schema).stream().limit(5).forEach(m -> problems.add(
                Problem.of("formSchema", "schema.meta", "Not a valid JSON Schema (draft 2020-12): " + m, m)));
        if (!problems.isEmpty()) {
            return problems;
        }
        node(schema, "", 0, problems);
        if (!schema.path("properties").path("applicant").path("type").asString("").equals("object")) {
            problems.add(Problem.of("formSchema", "schema.applicant",
                    "The form starts with an \"applicant\" object (the person submitting)"));
        }
        long handling = FormSchema.fields(schema).stream().filter(FormSchema.Field::handlingCommune).count();
        if (handling > 1 || "commune".equals(level) && handling != 1) {
            problems.add(Problem.of("formSchema", "schema.handlingCommune", "A commune procedure's form marks "
                    + "exactly one field x-handling-commune (the commune whose People's Committee handles the "
                    + "dossier); other procedures at most one; this one has " + handling, handling));
        }
        if (problems.isEmpty()) {
            try {
                validator.compile(schema);
            } catch (RuntimeException e) {
                problems.add(Problem.of("formSchema", "schema.compile", "The form schema does not compile: "
                        + e.getMessage(), String.valueOf(e.getMessage())));
            }
        }
        return problems;
    }

    private void node(JsonNode node, String path, int depth, List<Problem> problems) {
        String where = path.isEmpty() ? "the form" : path;
        for (String key : node.propertyNames()) {
            if (!KEYWORDS.contains(key)) {
                problems.add(Problem.of("formSchema", "schema.keyword", where + ": the keyword \"" + key
                        + "\" is not one the portal knows (see the procedure format)", where, key));
            }
        }
        String type = node.path("type").asString("");
        if (!TYPES.contains(type)) {
            problems.add(Problem.of("formSchema", "schema.type", where + ": type must be object, string, integer or "
                    + "boolean", where));
            return;
        }
        if (depth > 0 && !node.path("title").isString()) {
            problems.add(Problem.of("formSchema", "schema.title", where + " has no title (its Vietnamese label)",
                    where));
        }
        if ("object".equals(type)) {
            if (depth > 1) {
                problems.add(Problem.of("formSchema", "schema.depth", where + ": groups are one level deep only",
                        where));
                return;
            }
            JsonNode properties = node.path("properties");
            for (JsonNode r : node.path("required")) {
                if (!properties.has(r.asString())) {
                    problems.add(Problem.of("formSchema", "schema.required", where + " requires \"" + r.asString()
                            + "\", which is not one of its properties", where, r.asString()));
                }
            }
            for (var e : properties.properties()) {
                node(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), depth + 1, problems);
            }
            return;
        }
        if (depth == 0) {
            return;
        }
        if (node.has("enum")) {
            JsonNode values = node.get("enum");
            boolean strings = "string".equals(type);
            for (JsonNode v : values) {
                strings &= v.isString();
            }
            if (!strings) {
                problems.add(Problem.of("formSchema", "schema.enum", where + ": an enum is a list of strings on a "
                        + "string field", where));
            }
            JsonNode titles = node.get("x-enum-titles");
            if (titles != null && (!titles.path("vi").isArray() || titles.path("vi").size() != values.size()
                    || titles.has("en") && titles.path("en").size() != values.size())) {
                problems.add(Problem.of("formSchema", "schema.enumTitles", where + ": x-enum-titles has vi (and en) "
                        + "lists as long as the enum (" + values.size() + ")", where, values.size()));
            }
        }
        if (node.has("pattern")) {
            try {
                Pattern.compile(node.get("pattern").asString());
            } catch (PatternSyntaxException e) {
                problems.add(Problem.of("formSchema", "schema.pattern", where + ": the pattern does not compile: "
                        + e.getDescription(), where));
            }
        }
        if (node.has("x-prefill") && !PREFILL_KEYS.contains(node.get("x-prefill").asString(""))) {
            problems.add(Problem.of("formSchema", "schema.prefill", where + ": x-prefill is one of " + PREFILL_KEYS,
                    where, String.join(", ", PREFILL_KEYS)));
        }
        boolean commune = node.path("x-commune").asBoolean(false);
        if (commune && !"string".equals(type)) {
            problems.add(Problem.of("formSchema", "schema.commune", where + ": x-commune is for string fields", where));
        }
        if (node.path("x-handling-commune").asBoolean(false) && !commune) {
            problems.add(Problem.of("formSchema", "schema.commune", where
                    + ": x-handling-commune goes with x-commune: true", where));
        }
    }

    /** Each {path} of the result's lines names a field of the form. */
    private void placeholders(Procedure p, List<Problem> problems) {
        Set<String> paths = new HashSet<>();
        FormSchema.fields(p.formSchema()).forEach(f -> paths.add(f.path()));
        for (Procedure.Text line : p.result().lines()) {
            for (String text : List.of(line.vi(), line.en())) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    if (!paths.contains(m.group(1).strip())) {
                        problems.add(Problem.of(text == line.vi() ? "resultLinesVi" : "resultLinesEn",
                                "result.placeholder", "The result line '" + text + "' names {" + m.group(1)
                                        + "}, which is not a field of the form", m.group(1)));
                    }
                }
            }
        }
    }
}
