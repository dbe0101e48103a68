package org.ketnoi.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.catalogue.ProcedureCatalogue.FormProblem;
import org.ketnoi.catalogue.ProcedureCatalogue.Query;
import org.ketnoi.catalogue.internal.Catalogue;
import org.ketnoi.catalogue.internal.ProcedureJson;
import org.ketnoi.catalogue.internal.SeedFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The catalogue on the embedded PostgreSQL with the shipped seed procedures: accent-insensitive
 * search with filters and pages, form validation against the procedures' schemas, the seed
 * loader's idempotence, and the public JSON API.
 */
@KetnoiIntegrationTest
class CatalogueIT {

    @LocalServerPort
    int port;

    @Autowired
    ProcedureCatalogue catalogue;

    @Autowired
    Catalogue memory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void findsBirthRegistrationWithoutAccentsFirst() {
        for (String words : List.of("dang ky khai sinh", "Đăng ký khai sinh", "DANG KY  khai sinh",
                "1.001193", "birth registration")) {
            ProcedureCatalogue.Results r = catalogue.search(Query.words(words));
            assertThat(r.procedures()).as(words).isNotEmpty();
            assertThat(r.procedures().getFirst().code()).as(words).isEqualTo("1.001193");
        }
        assertThat(catalogue.search(Query.words("khai sinh hon nhan xyzzy")).total()).isZero();
    }

    @Test
    void filtersByFieldLevelAndAgency() {
        Procedure birth = catalogue.current("1.001193").orElseThrow();
        String civilStatus = Catalogue.fieldKey(birth.field());
        assertThat(civilStatus).isEqualTo("ho-tich");
        ProcedureCatalogue.Results civil = catalogue.search(new Query("", Optional.of(civilStatus),
                Optional.of("commune"), Optional.empty(), 1, 100));
        assertThat(civil.procedures()).extracting(Procedure::code).contains("1.001193");
        assertThat(civil.procedures()).allSatisfy(p -> {
            assertThat(p.field().vi()).isEqualTo("Hộ tịch");
            assertThat(p.level()).isEqualTo("commune");
        });
        assertThat(civil.fields()).extracting(ProcedureCatalogue.Field::key).contains("ho-tich");

        ProcedureCatalogue.Results central = catalogue.search(new Query("", Optional.empty(), Optional.of("central"),
                Optional.empty(), 1, 100));
        assertThat(central.procedures()).isNotEmpty().extracting(Procedure::level).containsOnly("central");
        assertThat(central.procedures()).extracting(Procedure::code).doesNotContain("1.001193");

        ProcedureCatalogue.Results justice = catalogue.search(new Query("", Optional.empty(), Optional.empty(),
                Optional.of("03"), 1, 100));
        assertThat(justice.procedures()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.departmentSegment()).contains("03"));
        ProcedureCatalogue.Results police = catalogue.search(new Query("", Optional.empty(), Optional.empty(),
                Optional.of("000.00.00.G03"), 1, 100));
        assertThat(police.procedures()).allSatisfy(p -> assertThat(p.centralAgency()).contains("000.00.00.G03"));

        assertThat(catalogue.search(new Query("khai sinh", Optional.empty(), Optional.of("province"),
                Optional.empty(), 1, 20)).procedures()).extracting(Procedure::code).doesNotContain("1.001193");
    }

    @Test
    void pagesThroughTheCatalogue() {
        ProcedureCatalogue.Results all = catalogue.search(new Query("", Optional.empty(), Optional.empty(),
                Optional.empty(), 1, 100));
        assertThat(all.total()).isGreaterThanOrEqualTo(20);
        ProcedureCatalogue.Results first = catalogue.search(new Query("", Optional.empty(), Optional.empty(),
                Optional.empty(), 1, 7));
        ProcedureCatalogue.Results second = catalogue.search(new Query("", Optional.empty(), Optional.empty(),
                Optional.empty(), 2, 7));
        assertThat(first.procedures()).hasSize(7);
        assertThat(second.procedures()).hasSize(7);
        assertThat(first.total()).isEqualTo(all.total());
        assertThat(first.pages()).isEqualTo((all.total() + 6) / 7);
        assertThat(second.procedures()).doesNotContainAnyElementsOf(first.procedures());
        assertThat(first.procedures()).containsExactlyElementsOf(all.procedures().subList(0, 7));
        assertThat(second.procedures()).containsExactlyElementsOf(all.procedures().subList(7, 14));
        ProcedureCatalogue.Results beyond = catalogue.search(new Query("", Optional.empty(), Optional.empty(),
                Optional.empty(), 99, 7));
        assertThat(beyond.procedures()).isEmpty();
        assertThat(beyond.total()).isEqualTo(all.total());
    }

    @Test
    void acceptsAGoodBirthRegistrationForm() {
        Procedure birth = catalogue.current("1.001193").orElseThrow();
        assertThat(catalogue.validate(birth, goodForm())).isEmpty();
    }

    @Test
    void reportsEachBadFieldOnceInTheOrderOfTheForm() {
        Procedure birth = catalogue.current("1.001193").orElseThrow();
        JsonNode form = ProcedureJson.JSON.readTree("""
                {"applicant": {"idNumber": "12345", "fullName": "Trần Thị Hoa", "birthDate": "1990-05-17",
                               "permanentAddress": "Số 5 phố Kim Mã", "permanentCommune": "00004", "email": "hoa@"},
                 "relationship": "uncle",
                 "child": {"sex": "male", "birthDate": "2026-02-30", "placeOfBirth": "Bệnh viện Phụ sản Hà Nội",
                           "ethnicity": "Kinh", "nationality": "Việt Nam", "hometown": "Nam Định"},
                 "registrationCommune": "99999"}""");
        List<FormProblem> problems = catalogue.validate(birth, form);
        assertThat(problems).extracting(FormProblem::path).containsExactly("applicant.idNumber", "applicant.email",
                "relationship", "child.fullName", "child.birthDate", "registrationCommune");
        assertThat(problems).extracting(FormProblem::code).containsExactly("pattern", "format", "enum", "required",
                "format", "commune");
        assertThat(problems).extracting(FormProblem::field).containsExactly("idNumber", "email", "relationship",
                "fullName", "birthDate", "registrationCommune");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
        assertThat(problems.get(3).message()).contains("child.fullName").contains("required");
    }

    @Test
    void reportsAMissingGroupAndANumberOfTheWrongType() {
        Procedure birth = catalogue.current("1.001193").orElseThrow();
        var form = (tools.jackson.databind.node.ObjectNode) goodForm();
        form.remove("child");
        form.put("registrationCommune", 4);
        List<FormProblem> problems = catalogue.validate(birth, form);
        assertThat(problems).extracting(FormProblem::path, FormProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("child", "required"),
                        org.assertj.core.groups.Tuple.tuple("registrationCommune", "type"));
    }

    @Test
    void theSeedLoaderIsIdempotentAndNeverOverwritesALaterVersion() {
        long versions = jdbc.sql("select count(*) from catalogue.procedure_version").query(Long.class).single();
        int seeds = SeedFiles.find(SeedFiles.LOCATION).length;
        assertThat(jdbc.sql("select count(*) from catalogue.procedure_version where saved_by = ?")
                .param(Catalogue.SEED_AUTHOR).query(Long.class).single()).isEqualTo(seeds);

        assertThat(memory.seed(SeedFiles.find(SeedFiles.LOCATION))).isZero();
        assertThat(memory.seed(SeedFiles.find(SeedFiles.LOCATION))).isZero();
        assertThat(jdbc.sql("select count(*) from catalogue.procedure_version").query(Long.class).single())
                .isEqualTo(versions);
        assertThat(memory.entries()).hasSizeGreaterThanOrEqualTo(seeds);
    }

    @Test
    void versionsAreImmutableInTheDatabase() {
        assertThatThrownBy(() -> jdbc.sql("update catalogue.procedure_version set saved_by = 'x' where code = ?")
                .param("1.001193").update()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("delete from catalogue.procedure_version where code = ?")
                .param("1.001193").update()).hasMessageContaining("immutable");
        assertThat(catalogue.version("1.001193", 1)).isPresent();
    }

    @Test
    void theApiIsPublicAndReadOnly() throws Exception {
        HttpResponse<String> search = get("/api/v1/procedures?q=" + URLEncoder.encode("dang ky khai sinh",
                StandardCharsets.UTF_8) + "&level=commune");
        assertThat(search.statusCode()).isEqualTo(200);
        JsonNode page = ProcedureJson.JSON.readTree(search.body());
        assertThat(page.get("total").asInt()).isPositive();
        assertThat(page.at("/procedures/0/code").asString()).isEqualTo("1.001193");
        assertThat(page.at("/procedures/0/name/en").asString()).isEqualTo("Birth registration");
        assertThat(page.at("/procedures/0/totalFee").asLong()).isZero();

        HttpResponse<String> one = get("/api/v1/procedures/1.001193");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode doc = ProcedureJson.JSON.readTree(one.body());
        assertThat(doc.get("code").asString()).isEqualTo("1.001193");
        assertThat(doc.get("version").asInt()).isPositive();
        assertThat(List.copyOf(doc.at("/form/properties").propertyNames())).as("fields in the order of the file")
                .startsWith("applicant", "relationship", "child");
        assertThat(doc.at("/form/x-order").isMissingNode()).isTrue();
        assertThat(get("/api/v1/procedures/1.001193?version=1").statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = get("/api/v1/procedures/9.999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).contains("problem+json"));
        assertThat(get("/api/v1/procedures/1.001193?version=999").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/procedures/abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/procedures?level=district").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/procedures?size=1000").statusCode()).isEqualTo(400);
    }

    @Test
    void thePublicPagesAnswerWithoutSignIn() throws Exception {
        HttpResponse<String> list = get("/procedures?q=dang+ky+khai+sinh");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Đăng ký khai sinh").contains("/procedures/1.001193");
        HttpResponse<String> page = get("/procedures/1.001193?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Birth registration").contains("/dossiers/new/1.001193");
        HttpResponse<String> unknown = get("/procedures/9.999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("9.999999");
        assertThat(get("/procedures?level=district").statusCode()).isEqualTo(400);
    }

    static JsonNode goodForm() {
        return ProcedureJson.JSON.readTree("""
                {"applicant": {"idNumber": "001190012345", "fullName": "Trần Thị Hoa", "birthDate": "1990-05-17",
                               "permanentAddress": "Số 5 phố Kim Mã", "permanentCommune": "00004",
                               "phone": "0912345678", "email": "hoa.tran@example.vn"},
                 "relationship": "mother",
                 "child": {"fullName": "Nguyễn Minh Khang", "sex": "male", "birthDate": "2026-01-05",
                           "placeOfBirth": "Bệnh viện Phụ sản Hà Nội", "ethnicity": "Kinh", "nationality": "Việt Nam",
                           "hometown": "Nam Định"},
                 "mother": {"fullName": "Trần Thị Hoa"},
                 "registrationCommune": "00004"}""");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

}
