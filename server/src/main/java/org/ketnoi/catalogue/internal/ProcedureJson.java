package org.ketnoi.catalogue.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.Procedure.Text;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A procedure as JSON, in the seed file format (catalogue/procedures/*.json), which is also the
 * stored document and the API's answer. Reading checks the document's shape (types, enum names,
 * known keys); the rules of content are {@link ProcedureRules}'.
 */
public final class ProcedureJson {

    public static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> KEYS = Set.of("code", "version", "name", "description", "field", "level",
            "departmentSegment", "centralAgency", "owner", "subjects", "components", "form", "fees",
            "processingTime", "onlineMode", "legalBasis", "process", "secondAgency", "result");
    /** Added to every object of a stored form schema: jsonb keeps keys sorted, and fields show in order. */
    static final String ORDER = "x-order";

    private ProcedureJson() {
    }

    /** The procedure a document describes, as the given version; refused with every shape problem found. */
    public static Procedure read(JsonNode doc, int version) {
        List<Problem> problems = new ArrayList<>();
        if (doc == null || !doc.isObject()) {
            throw new ProcedureInvalid(List.of(Problem.of("", "document", "A procedure is a JSON object")));
        }
        for (String key : doc.propertyNames()) {
            if (!KEYS.contains(key)) {
                problems.add(Problem.of("", "document.key", "Unknown key \"" + key + "\" (known: " + KEYS + ")",
                        key));
            }
        }
        Reader r = new Reader(doc, problems);
        String code = r.string("code", "code", true);
        Text name = r.text("name", "name");
        Text description = r.text("description", "description");
        Text field = r.text("field", "field");
        String level = r.string("level", "level", true);
        Optional<String> segment = Optional.ofNullable(r.string("departmentSegment", "departmentSegment", false));
        Optional<String> central = Optional.ofNullable(r.string("centralAgency", "centralAgency", false));
        Optional<String> owner = Optional.ofNullable(r.string("owner", "owner", false));
        Set<Procedure.Subject> subjects = EnumSet.noneOf(Procedure.Subject.class);
        for (JsonNode s : r.array("subjects", "subjects")) {
            Procedure.Subject subject = r.constant(s, Procedure.Subject.class, "subjects", "subjects");
            if (subject != null) {
                subjects.add(subject);
            }
        }
        List<Procedure.Component> components = new ArrayList<>();
        JsonNode componentNodes = r.array("components", "components");
        for (int i = 0; i < componentNodes.size(); i++) {
            Reader c = r.at(componentNodes.get(i), "components[" + i + "]");
            String f = "components-" + i + "-";
            components.add(new Procedure.Component(c.string("key", f + "key", true), c.text("name", f + "name"),
                    c.constant(c.node.get("copy"), Procedure.Copy.class, "copy", f + "copy"),
                    (int) c.integer("quantity", f + "quantity", 1), c.bool("required", f + "required"),
                    c.bool("fromRegistry", f + "fromRegistry")));
        }
        JsonNode form = doc.get("form");
        if (form == null || !form.isObject()) {
            problems.add(Problem.of("formSchema", "schema.object", "\"form\" must be a JSON Schema object"));
            form = NODES.objectNode();
        }
        List<Procedure.Fee> fees = new ArrayList<>();
        JsonNode feeNodes = r.array("fees", "fees");
        for (int i = 0; i < feeNodes.size(); i++) {
            Reader f = r.at(feeNodes.get(i), "fees[" + i + "]");
            fees.add(new Procedure.Fee(f.text("name", "fees-" + i + "-name"), f.integer("amount", "fees-" + i + "-amount", 0)));
        }
        Reader time = r.at(doc.path("processingTime"), "processingTime");
        Procedure.ProcessingTime processingTime = new Procedure.ProcessingTime(
                (int) time.integer("amount", "timeAmount", 0),
                time.constant(time.node.get("unit"), Procedure.TimeUnit.class, "unit", "timeUnit"));
        Procedure.OnlineMode mode = r.constant(doc.get("onlineMode"), Procedure.OnlineMode.class, "onlineMode",
                "onlineMode");
        Text legalBasis = r.text("legalBasis", "legalBasis");
        String process = r.string("process", "processKey", false);
        Optional<String> second = Optional.ofNullable(r.string("secondAgency", "secondAgency", false));
        Reader result = r.at(doc.path("result"), "result");
        Text title = result.text("title", "resultTitle");
        List<Text> lines = new ArrayList<>();
        JsonNode lineNodes = result.array("lines", "resultLines");
        for (int i = 0; i < lineNodes.size(); i++) {
            lines.add(r.at(NODES.objectNode().set("line", lineNodes.get(i)), "result.lines").text("line", "resultLines"));
        }
        if (!problems.isEmpty()) {
            throw new ProcedureInvalid(problems);
        }
        return new Procedure(code, version, name, field, level, segment, central,
                Collections.unmodifiableSet(subjects), List.copyOf(components), form.deepCopy(), List.copyOf(fees),
                processingTime, mode, legalBasis, process == null ? "one-stop" : process, second,
                new Procedure.ResultTemplate(title, List.copyOf(lines)), description, owner);
    }

    /** The document of a procedure, in the seed file's order of keys; with its version when asked. */
    public static ObjectNode write(Procedure p, boolean withVersion) {
        ObjectNode doc = NODES.objectNode();
        doc.put("code", p.code());
        if (withVersion) {
            doc.put("version", p.version());
        }
        doc.set("name", text(p.name()));
        doc.set("description", text(p.description()));
        doc.set("field", text(p.field()));
        doc.put("level", p.level());
        doc.put("departmentSegment", p.departmentSegment().orElse(null));
        doc.put("centralAgency", p.centralAgency().orElse(null));
        doc.put("owner", p.owner().orElse(null));
        ArrayNode subjects = doc.putArray("subjects");
        p.subjects().forEach(s -> subjects.add(s.name()));
        ArrayNode components = doc.putArray("components");
        for (Procedure.Component c : p.components()) {
            ObjectNode n = components.addObject();
            n.put("key", c.key());
            n.set("name", text(c.name()));
            n.put("copy", c.copy() == null ? null : c.copy().name());
            n.put("quantity", c.quantity());
            n.put("required", c.required());
            n.put("fromRegistry", c.fromRegistry());
        }
        doc.set("form", p.formSchema().deepCopy());
        ArrayNode fees = doc.putArray("fees");
        for (Procedure.Fee f : p.fees()) {
            ObjectNode n = fees.addObject();
            n.set("name", text(f.name()));
            n.put("amount", f.amount());
        }
        ObjectNode time = doc.putObject("processingTime");
        time.put("amount", p.processingTime().amount());
        time.put("unit", p.processingTime().unit() == null ? null : p.processingTime().unit().name());
        doc.put("onlineMode", p.onlineMode() == null ? null : p.onlineMode().name());
        doc.set("legalBasis", text(p.legalBasis()));
        doc.put("process", p.processKey());
        doc.put("secondAgency", p.secondAgency().orElse(null));
        ObjectNode result = doc.putObject("result");
        result.set("title", text(p.result().title()));
        ArrayNode lines = result.putArray("lines");
        p.result().lines().forEach(l -> lines.add(text(l)));
        return doc;
    }

    /** The document as stored in jsonb: each object of the form schema names its properties' order. */
    public static ObjectNode stored(Procedure p) {
        ObjectNode doc = write(p, false);
        markOrder(doc.get("form"));
        return doc;
    }

    /** A stored document read back, its form's properties in their order again. */
    public static Procedure fromStored(JsonNode doc, int version) {
        ObjectNode copy = (ObjectNode) doc.deepCopy();
        if (copy.get("form") instanceof ObjectNode form) {
            restoreOrder(form);
        }
        return read(copy, version);
    }

    private static void markOrder(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.get("properties") instanceof ObjectNode properties) {
            ArrayNode order = object.putArray(ORDER);
            properties.propertyNames().forEach(order::add);
            properties.forEach(ProcedureJson::markOrder);
        }
    }

    private static void restoreOrder(ObjectNode schema) {
        JsonNode order = schema.remove(ORDER);
        if (schema.get("properties") instanceof ObjectNode properties) {
            if (order != null && order.isArray()) {
                ObjectNode ordered = NODES.objectNode();
                order.forEach(name -> {
                    JsonNode value = properties.get(name.asString());
                    if (value != null) {
                        ordered.set(name.asString(), value);
                    }
                });
                properties.properties().forEach(e -> {
                    if (!ordered.has(e.getKey())) {
                        ordered.set(e.getKey(), e.getValue());
                    }
                });
                schema.set("properties", ordered);
            }
            ((ObjectNode) schema.get("properties")).forEach(child -> {
                if (child instanceof ObjectNode o) {
                    restoreOrder(o);
                }
            });
        }
    }

    public static ObjectNode text(Text t) {
        ObjectNode n = NODES.objectNode();
        n.put("vi", t == null ? "" : t.vi());
        n.put("en", t == null ? "" : t.en());
        return n;
    }

    /** Reads values from one object of the document, noting each problem against a field of the form. */
    private record Reader(JsonNode node, List<Problem> problems, String where) {

        Reader(JsonNode node, List<Problem> problems) {
            this(node, problems, "");
        }

        Reader at(JsonNode child, String where) {
            if (!child.isObject() && !child.isMissingNode()) {
                problems.add(Problem.of("", "document.object", where + " must be a JSON object", where));
            }
            return new Reader(child.isObject() ? child : NODES.objectNode(), problems, where);
        }

        private String name(String key) {
            return where.isEmpty() ? key : where + "." + key;
        }

        String string(String key, String field, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    problems.add(Problem.of(field, "document.missing", name(key) + " is missing", name(key)));
                }
                return null;
            }
            if (!v.isString()) {
                problems.add(Problem.of(field, "document.string", name(key) + " must be a string", name(key)));
                return null;
            }
            String s = v.asString().strip();
            return s.isEmpty() && !required ? null : s;
        }

        Text text(String key, String field) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return new Text("", "");
            }
            if (!v.isObject() || !v.path("vi").isString() && v.has("vi") || !v.path("en").isString() && v.has("en")) {
                problems.add(Problem.of(field + "Vi", "document.text",
                        name(key) + " must be an object {\"vi\": \"...\", \"en\": \"...\"}", name(key)));
                return new Text("", "");
            }
            return new Text(v.path("vi").asString("").strip(), v.path("en").asString("").strip());
        }

        JsonNode array(String key, String field) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return NODES.arrayNode();
            }
            if (!v.isArray()) {
                problems.add(Problem.of(field, "document.array", name(key) + " must be an array", name(key)));
                return NODES.arrayNode();
            }
            return v;
        }

        long integer(String key, String field, long absent) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return absent;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                problems.add(Problem.of(field, "document.integer", name(key) + " must be a whole number", name(key)));
                return absent;
            }
            return v.asLong();
        }

        boolean bool(String key, String field) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                problems.add(Problem.of(field, "document.boolean", name(key) + " must be true or false", name(key)));
                return false;
            }
            return v.asBoolean();
        }

        <E extends Enum<E>> E constant(JsonNode v, Class<E> type, String key, String field) {
            List<String> names = EnumSet.allOf(type).stream().map(Enum::name).toList();
            if (v == null || v.isNull()) {
                problems.add(Problem.of(field, "document.enum", name(key) + " is missing; one of " + names,
                        name(key), names));
                return null;
            }
            if (v.isString()) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().equals(v.asString())) {
                        return e;
                    }
                }
            }
            problems.add(Problem.of(field, "document.enum", name(key) + " is " + v + "; one of " + names, name(key),
                    names));
            return null;
        }
    }
}
