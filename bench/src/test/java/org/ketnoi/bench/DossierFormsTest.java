package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class DossierFormsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The seed file of the procedure the benchmark submits, in the server module beside this one. */
    private static final Path PROCEDURE = Path.of("../server/src/main/resources/catalogue/procedures/"
            + DossierForms.PROCEDURE + ".json");

    /**
     * The form the benchmark sends passes the procedure's own JSON Schema (draft 2020-12, formats asserted, the
     * platform's x- keywords known), so a change of the schema shows here rather than as 400s in a benchmark run.
     */
    @Test
    void theSubmittedFormPassesTheProceduresSchema() throws Exception {
        JsonNode procedure = JSON.readTree(Files.readString(PROCEDURE, StandardCharsets.UTF_8));
        Dialect.Builder dialect = Dialect.builder(Dialects.getDraft202012());
        for (String keyword : List.of("x-title-en", "x-description-en", "x-enum-titles", "x-prefill", "x-commune",
                "x-handling-commune", "x-order")) {
            dialect.keyword(new NonValidationKeyword(keyword));
        }
        SchemaRegistry registry = SchemaRegistry.withDialect(dialect.build(), b -> b.schemaRegistryConfig(
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Schema schema = registry.getSchema(procedure.get("form"));
        for (long n = 0; n < 200; n++) {
            String body = DossierForms.submission(DossierForms.DEMO_CITIZEN, "26743", n, "ab".repeat(32),
                    UUID.randomUUID());
            JsonNode submission = JSON.readTree(body);
            List<Error> errors = schema.validate(submission.get("form"));
            assertTrue(errors.isEmpty(), "form " + n + ": " + errors);
            assertEquals(DossierForms.PROCEDURE, submission.get("procedure").asString());
            assertEquals("26743", submission.get("form").get("registrationCommune").asString());
            assertEquals(DossierForms.DEMO_CITIZEN.idNumber(),
                    submission.get("form").get("applicant").get("idNumber").asString());
            assertEquals("ab".repeat(32), submission.get("attachments").get(DossierForms.COMPONENT).get(0).asString());
        }
        // The birth notice is a component of the procedure, and the handling commune is the field the form sets.
        assertTrue(procedure.get("components").toString().contains("\"" + DossierForms.COMPONENT + "\""));
        assertTrue(procedure.get("form").get("properties").get("registrationCommune").get("x-handling-commune")
                .asBoolean());
    }

    @Test
    void eachSubmissionIsAnotherChildAndKey() {
        UUID k1 = UUID.randomUUID();
        UUID k2 = UUID.randomUUID();
        String a = DossierForms.submission(DossierForms.DEMO_CITIZEN, "00004", 1, "x", k1);
        String b = DossierForms.submission(DossierForms.DEMO_CITIZEN, "00004", 2, "x", k2);
        assertNotEquals(a, b);
        assertTrue(a.contains(k1.toString()));
        assertEquals("8584", DossierForms.DEMO_CITIZEN.lastDigits());
        assertEquals("{\"version\":3}", DossierForms.action(3));
    }

    /** Every offset of the cross-reference table points at its object, and startxref at the table. */
    @Test
    void thePdfIsWellFormed() {
        byte[] pdf = DossierForms.pdf("Giay chung sinh (test)");
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-1.4\n"));
        assertTrue(text.endsWith("%%EOF\n"));
        Matcher start = Pattern.compile("startxref\n(\\d+)\n").matcher(text);
        assertTrue(start.find());
        int xref = Integer.parseInt(start.group(1));
        assertTrue(text.startsWith("xref\n0 6\n", xref));
        Matcher entry = Pattern.compile("(\\d{10}) 00000 n \n").matcher(text.substring(xref));
        int object = 1;
        while (entry.find()) {
            assertTrue(text.startsWith(object + " 0 obj\n", Integer.parseInt(entry.group(1))), "object " + object);
            object++;
        }
        assertEquals(6, object);
        Matcher length = Pattern.compile("/Length (\\d+) >>\nstream\n").matcher(text);
        assertTrue(length.find());
        int from = length.end();
        assertEquals("\nendstream", text.substring(from + Integer.parseInt(length.group(1)),
                from + Integer.parseInt(length.group(1)) + 10));
        assertTrue(text.contains("(Giay chung sinh \\(test\\)) Tj"));
    }

    @Test
    void theUploadIsOneFilePartBetweenBoundaries() {
        byte[] body = DossierForms.multipart("B0UND", "file", "a.pdf", "application/pdf", new byte[] {1, 2, 3});
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("--B0UND\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n\u0001\u0002\u0003\r\n--B0UND--\r\n"));
        assertEquals(text.length(), body.length);
    }
}
