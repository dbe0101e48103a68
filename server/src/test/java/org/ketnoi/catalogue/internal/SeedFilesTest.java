package org.ketnoi.catalogue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.platform.StartupRefused;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed files as shipped pass the catalogue's rules; a broken one stops the start with a
 * message naming the file and what is wrong.
 */
class SeedFilesTest {

    private final AgencyNames names = new AgencyNames();
    private final ProcedureRules rules = new ProcedureRules(names,
            id -> names.centralAgency(id.value()).isPresent(), new FormValidator());

    @TempDir
    Path dir;

    @Test
    void everyShippedProcedureIsValid() {
        List<Procedure> seeds = SeedFiles.read(SeedFiles.find(SeedFiles.LOCATION), rules::check);
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(20);
        assertThat(seeds).extracting(Procedure::code).doesNotHaveDuplicates().contains("1.001193");
        assertThat(seeds).extracting(Procedure::processKey).contains("one-stop", "two-agency");
        assertThat(seeds).extracting(Procedure::level).contains("commune", "province", "central");
    }

    @Test
    void refusesAFileThatIsNotJsonNamingItAndTheLine() throws Exception {
        Files.writeString(dir.resolve("1.000001.json"), "{\n  \"code\": \"1.000001\",\n  \"name\": {\"vi\": \"x\"\n");
        StartupRefused refused = catchThrowableOfType(StartupRefused.class, () -> read("1.000001.json"));
        assertThat(refused.getMessage()).contains("catalogue/procedures/1.000001.json").contains("not valid JSON")
                .contains("line");
    }

    @Test
    void refusesASchemaWhoseEnumTitlesDoNotMatch() throws Exception {
        ObjectNode birth = birth();
        ((ObjectNode) birth.at("/form/properties/child/properties/sex/x-enum-titles"))
                .set("vi", ProcedureJson.JSON.readTree("[\"Nam\"]"));
        write("1.001193.json", birth);
        StartupRefused refused = catchThrowableOfType(StartupRefused.class, () -> read("1.001193.json"));
        assertThat(refused.getMessage()).contains("catalogue/procedures/1.001193.json").contains("child.sex")
                .contains("x-enum-titles");
    }

    @Test
    void refusesAnInvalidJsonSchema() throws Exception {
        ObjectNode birth = birth();
        ((ObjectNode) birth.at("/form/properties/child/properties/fullName")).put("maxLength", -1);
        write("1.001193.json", birth);
        assertThat(catchThrowableOfType(StartupRefused.class, () -> read("1.001193.json")).getMessage())
                .contains("1.001193.json").contains("JSON Schema").contains("/properties/child/properties/fullName/maxLength");
    }

    @Test
    void refusesNegativeFeesUnknownProcessesAndWrongShapes() throws Exception {
        ObjectNode birth = birth();
        ((ObjectNode) birth.at("/fees/0")).put("amount", -5000);
        birth.put("process", "three-agency");
        birth.put("onlineMode", "SOMETIMES");
        write("1.001193.json", birth);
        String message = catchThrowableOfType(StartupRefused.class, () -> read("1.001193.json")).getMessage();
        assertThat(message).contains("onlineMode");

        birth.put("onlineMode", "FULL");
        write("1.001193.json", birth);
        message = catchThrowableOfType(StartupRefused.class, () -> read("1.001193.json")).getMessage();
        assertThat(message).contains("fees[0].amount is -5000").contains("one-stop or two-agency");
    }

    @Test
    void refusesAFileNamedAfterAnotherCode() throws Exception {
        write("1.000002.json", birth());
        assertThat(catchThrowableOfType(StartupRefused.class, () -> read("1.000002.json")).getMessage())
                .contains("1.000002.json").contains("holds procedure 1.001193");
    }

    @Test
    void storedDocumentsKeepTheOrderOfFieldsThroughJsonb() {
        Procedure p = ProcedureJson.read(birth(), 1);
        JsonNode stored = ProcedureJson.stored(p);
        // jsonb gives keys back in its own order: shorter keys first, then by bytes.
        JsonNode reordered = ProcedureJson.JSON.readTree(ProcedureJson.JSON.writeValueAsString(sorted(stored)));
        assertThat(List.copyOf(reordered.at("/form/properties").propertyNames())).as("jsonb's order")
                .isNotEqualTo(List.copyOf(p.formSchema().get("properties").propertyNames()));
        Procedure back = ProcedureJson.fromStored(reordered, 1);
        assertThat(back.formSchema().get("properties").propertyNames())
                .containsExactlyElementsOf(p.formSchema().get("properties").propertyNames());
        assertThat(back.formSchema().at("/properties/child/properties").propertyNames())
                .containsExactlyElementsOf(p.formSchema().at("/properties/child/properties").propertyNames());
        assertThat(back.formSchema()).isEqualTo(p.formSchema());
        assertThat(back).isEqualTo(p);
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, Object> map = new TreeMap<>(java.util.Comparator.comparingInt(String::length)
                    .thenComparing(java.util.Comparator.naturalOrder()));
            node.properties().forEach(e -> map.put(e.getKey(), sorted(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new java.util.ArrayList<>();
            node.forEach(n -> list.add(sorted(n)));
            return list;
        }
        return node;
    }

    private List<Procedure> read(String file) {
        return SeedFiles.read(new Resource[] {new FileSystemResource(dir.resolve(file))}, rules::check);
    }

    private void write(String file, JsonNode doc) throws Exception {
        Files.writeString(dir.resolve(file), doc.toPrettyString());
    }

    private static ObjectNode birth() {
        try (var in = SeedFilesTest.class.getClassLoader().getResourceAsStream("catalogue/procedures/1.001193.json")) {
            return (ObjectNode) ProcedureJson.JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
