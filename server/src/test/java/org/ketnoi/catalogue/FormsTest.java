package org.ketnoi.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ketnoi.catalogue.internal.ProcedureJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The form helpers on the birth registration procedure as shipped (catalogue/procedures/1.001193.json). */
class FormsTest {

    static Procedure birthRegistration() {
        try (InputStream in = FormsTest.class.getClassLoader().getResourceAsStream("catalogue/procedures/1.001193.json")) {
            return ProcedureJson.read(ProcedureJson.JSON.readTree(in), 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Procedure birth = birthRegistration();

    @Test
    void readsHtmlParametersIntoATypedFormAndDropsBlanks() {
        Map<String, String[]> params = new HashMap<>();
        params.put("form.applicant.fullName", new String[] {"  Nguyễn Văn An "});
        params.put("form.applicant.phone", new String[] {"   "});
        params.put("form.child.fullName", new String[] {"Nguyễn Minh Khang"});
        params.put("form.child.sex", new String[] {"male"});
        params.put("form.relationship", new String[] {"father"});
        params.put("form.father.fullName", new String[] {""});
        params.put("form.registrationCommune", new String[] {"00004"});
        params.put("form.unknown", new String[] {"ignored"});
        params.put("_csrf", new String[] {"token"});

        ObjectNode form = Forms.fromParameters(birth, params);

        assertThat(form.path("applicant").path("fullName").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(form.path("applicant").has("phone")).as("blank dropped").isFalse();
        assertThat(form.path("child").path("sex").asString()).isEqualTo("male");
        assertThat(form.path("relationship").asString()).isEqualTo("father");
        assertThat(form.has("father")).as("an optional group left blank is left out").isFalse();
        assertThat(form.has("mother")).isFalse();
        assertThat(form.has("unknown")).isFalse();
        assertThat(form.propertyNames()).containsExactly("applicant", "relationship", "child", "registrationCommune");
    }

    @Test
    void keepsARequiredGroupEvenWhenBlankSoItsFieldsAreReported() {
        ObjectNode form = Forms.fromParameters(birth, Map.of());
        assertThat(form.path("applicant").isObject()).isTrue();
        assertThat(form.path("child").isObject()).isTrue();
        assertThat(form.path("child").isEmpty()).isTrue();
        assertThat(form.has("father")).isFalse();
    }

    @Test
    void parsesIntegersAndCheckboxesAndKeepsTextThatIsNotANumber() {
        Procedure p = withForm("""
                {"type": "object", "properties": {
                  "applicant": {"type": "object", "title": "Người nộp", "properties": {
                    "fullName": {"type": "string", "title": "Họ tên"}}},
                  "copies": {"type": "integer", "title": "Số bản sao", "minimum": 1},
                  "rooms": {"type": "integer", "title": "Số phòng"},
                  "declared": {"type": "boolean", "title": "Tôi cam đoan"},
                  "urgent": {"type": "boolean", "title": "Khẩn"}}}""");
        ObjectNode form = Forms.fromParameters(p, Map.of("form.copies", new String[] {" 3 "},
                "form.rooms", new String[] {"ba"}, "form.declared", new String[] {"true"}));
        assertThat(form.get("copies").isIntegralNumber()).isTrue();
        assertThat(form.get("copies").asLong()).isEqualTo(3);
        assertThat(form.get("rooms").isString()).as("kept for validation to report").isTrue();
        assertThat(form.get("rooms").asString()).isEqualTo("ba");
        assertThat(form.get("declared").asBoolean()).isTrue();
        assertThat(form.get("urgent").isBoolean()).isTrue();
        assertThat(form.get("urgent").asBoolean()).as("an unticked checkbox is not sent: false").isFalse();
    }

    @Test
    void prefillsEveryRegistryFieldAndSkipsPartialDates() {
        ObjectNode form = Forms.prefill(birth, Map.of("idNumber", "001085012345", "fullName", "Trần Thị Hoa",
                "birthDate", "1985-03-12", "permanentAddress", "Số 5 phố Kim Mã", "permanentCommune", "00004",
                "sex", "female", "ethnicity", "Kinh"));
        assertThat(form.path("applicant").path("idNumber").asString()).isEqualTo("001085012345");
        assertThat(form.path("applicant").path("fullName").asString()).isEqualTo("Trần Thị Hoa");
        assertThat(form.path("applicant").path("birthDate").asString()).isEqualTo("1985-03-12");
        assertThat(form.path("applicant").path("permanentAddress").asString()).isEqualTo("Số 5 phố Kim Mã");
        assertThat(form.path("applicant").path("permanentCommune").asString()).isEqualTo("00004");
        assertThat(form.path("registrationCommune").asString()).as("top-level x-prefill").isEqualTo("00004");
        assertThat(form.path("applicant").has("phone")).isFalse();
        assertThat(form.has("child")).as("nothing of the child comes from the registry").isFalse();

        ObjectNode partial = Forms.prefill(birth, Map.of("fullName", "Lê Văn Nam", "birthDate", "1950"));
        assertThat(partial.path("applicant").has("birthDate")).as("a year alone is no date").isFalse();
        assertThat(partial.path("applicant").path("fullName").asString()).isEqualTo("Lê Văn Nam");
    }

    @Test
    void findsTheHandlingCommune() {
        assertThat(Forms.handlingCommune(birth, form("{\"registrationCommune\": \"00004\"}"))).contains("00004");
        assertThat(Forms.handlingCommune(birth, form("{\"registrationCommune\": \" \"}"))).isEmpty();
        assertThat(Forms.handlingCommune(birth, form("{}"))).isEmpty();
    }

    @Test
    void fillsResultLinesWithDatesAndEnumTitles() {
        JsonNode form = form("""
                {"child": {"fullName": "Nguyễn Minh Khang", "sex": "male", "birthDate": "2026-01-05"},
                 "mother": {"fullName": "Trần Thị Hoa"}}""");
        assertThat(Forms.fill("Họ, chữ đệm, tên: {child.fullName}", form)).isEqualTo("Họ, chữ đệm, tên: Nguyễn Minh Khang");
        assertThat(Forms.fill("Ngày sinh: {child.birthDate}", form)).isEqualTo("Ngày sinh: 05/01/2026");
        assertThat(Forms.fill("Cha: {father.fullName}.", form)).as("missing: empty").isEqualTo("Cha: .");
        assertThat(Forms.fill(birth, "Giới tính: {child.sex}", form)).isEqualTo("Giới tính: Nam");
        assertThat(Forms.fill(birth, "Sex: {child.sex}", form, Locale.ENGLISH)).isEqualTo("Sex: Male");
        assertThat(Forms.fill(birth, "{ child.birthDate } / {mother.fullName}", form))
                .isEqualTo("05/01/2026 / Trần Thị Hoa");
        assertThat(Forms.fill("Giá $1 \\ {child.fullName}", form)).as("replacement text is literal")
                .isEqualTo("Giá $1 \\ Nguyễn Minh Khang");
    }

    @Test
    void describesTheFormReadOnlyInTheReadersLanguage() {
        JsonNode form = form("""
                {"applicant": {"fullName": "Trần Thị Hoa", "idNumber": "001185012345"},
                 "relationship": "mother",
                 "child": {"fullName": "Nguyễn Minh Khang", "sex": "male", "birthDate": "2026-01-05"}}""");
        List<Forms.Row> vi = Forms.describe(birth, form, Locale.forLanguageTag("vi"));
        assertThat(vi).startsWith(new Forms.Row("Người nộp hồ sơ", "Số định danh cá nhân", "001185012345"),
                new Forms.Row("Người nộp hồ sơ", "Họ, chữ đệm, tên", "Trần Thị Hoa"),
                new Forms.Row("", "Quan hệ với người được khai sinh", "Mẹ"));
        assertThat(vi).contains(new Forms.Row("Người được khai sinh", "Giới tính", "Nam"),
                new Forms.Row("Người được khai sinh", "Ngày, tháng, năm sinh", "05/01/2026"));
        assertThat(vi).extracting(Forms.Row::label).doesNotContain("Nơi sinh");

        List<Forms.Row> en = Forms.describe(birth, form, Locale.ENGLISH);
        assertThat(en).contains(new Forms.Row("Applicant", "Full name", "Trần Thị Hoa"),
                new Forms.Row("", "Relationship to the child", "Mother"),
                new Forms.Row("The child", "Sex", "Male"));
    }

    private static JsonNode form(String json) {
        return ProcedureJson.JSON.readTree(json);
    }

    private Procedure withForm(String schema) {
        return new Procedure(birth.code(), 1, birth.name(), birth.field(), birth.level(), birth.departmentSegment(),
                birth.centralAgency(), birth.subjects(), birth.components(), ProcedureJson.JSON.readTree(schema),
                birth.fees(), birth.processingTime(), birth.onlineMode(), birth.legalBasis(), birth.processKey(),
                birth.secondAgency(), birth.result(), birth.description(), birth.owner());
    }
}
