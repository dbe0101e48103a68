package org.ketnoi.population.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.population.Citizen;
import org.ketnoi.population.PersonalIdNumber;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Imports and exports on the whole application. The database is shared with other tests, so every
 * number and household here comes from a block chosen at random for this run.
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PopulationImportIT {

    private static final String PASSWORD = "import-test-password";
    private static final String HEADER = "id_number,full_name,birth_date,sex,permanent_commune,permanent_address,"
            + "household_number,relation_to_head\n";
    /** Hà Nội: Ba Đình and Bát Tràng; Hồ Chí Minh City: Sài Gòn. */
    private static final String BA_DINH = "00004";
    private static final String BAT_TRANG = "00577";
    private static final String SAI_GON = "25747";

    @LocalServerPort
    int port;

    @Autowired
    PopulationImports imports;

    @Autowired
    PopulationExports exports;

    @Autowired
    PopulationRegistry registry;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int block = ThreadLocalRandom.current().nextInt(100, 900) * 1000;
    private int serial;
    private Caller hanoi;
    private Caller hanoiOfficial;

    @BeforeAll
    void accounts() {
        // Sở Tư pháp Hà Nội: a provincial department, so its area is province 01.
        hanoi = accounts.register("impit.hanoi", "Cán bộ nhập liệu Hà Nội", Caller.Kind.OFFICIAL,
                AgencyId.parse("000.00.03.H01"), Set.of(Roles.REGISTRY_IMPORTER, Roles.REGISTRY_OFFICIAL), PASSWORD,
                "test");
        hanoiOfficial = accounts.register("impit.official", "Cán bộ hộ tịch Hà Nội", Caller.Kind.OFFICIAL,
                AgencyId.parse("000.00.03.H01"), Set.of(Roles.REGISTRY_OFFICIAL), PASSWORD, "test");
    }

    @Test
    void importsAValidCsvAndTheRowsAreReadable() {
        String head = id(false, 1970);
        String wife = id(true, 1972);
        String son = id(false, 2005);
        String household = household();
        ImportReport report = importCsv(HEADER
                + row(head, "Nguyễn Văn Hùng", "1970-01-02", "M", BA_DINH, "Số 5, phố Đội Cấn", household, "head")
                + row(wife, "Lê Thị Hoa", "1972-05", "F", BA_DINH, "Số 5, phố Đội Cấn", household, "spouse")
                + row(son, "Nguyễn Minh Quân", "2005", "M", BA_DINH, "", household, "child"), false);

        assertThat(report.status()).isEqualTo(ImportReport.Status.ACCEPTED);
        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.rejected()).isZero();
        assertThat(report.rejections()).isEmpty();
        Citizen read = registry.citizen(PersonalIdNumber.parse(wife), hanoi, "Kiểm tra sau nhập", "test");
        assertThat(read.record().fullName()).isEqualTo("Lê Thị Hoa");
        assertThat(read.record().permanentResidence().address()).isEqualTo("Số 5, phố Đội Cấn");
        assertThat(read.changedBy()).isEqualTo("impit.hanoi");
        assertThat(read.changeReason()).isEqualTo("import job " + report.jobId() + ": people.csv");
        assertThat(registry.household(household, hanoi, "Kiểm tra hộ", "test")).hasSize(3);
        assertThat(job(report.jobId())).isEqualTo("ACCEPTED 3 0");
        assertThat(jdbc.sql("select count(*) from audit.entry where action = 'population.import' and object = ?")
                .param("import:" + report.jobId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void reportsEachBadRowWithItsLineAndReasonAndAppliesTheValidOnes() {
        String good = id(false, 1980);
        String household = household();
        String wrongSex = id(false, 1981);
        String future = id(true, 1990);
        String unknown = id(false, 1982);
        String longName = id(false, 1983);
        ImportReport report = importCsv(HEADER
                + row(good, "Trần Văn Tốt", "1980", "M", BA_DINH, "", household, "head")
                + row("03608012345", "Số Thiếu", "1980", "M", BA_DINH, "", "", "")
                + row(wrongSex, "Phạm Thị Lệch", "1981", "F", BA_DINH, "", "", "")
                + row(future, "Vũ Thị Tương Lai", "2990-01-01", "F", BA_DINH, "", "", "")
                + row(unknown, "Đỗ Văn Lạc", "1982", "M", "99999", "", "", "")
                + row(longName, "Đặng " + "Văn ".repeat(40) + "Dài", "1983", "M", BA_DINH, "", "", ""), false);

        assertThat(report.status()).isEqualTo(ImportReport.Status.ACCEPTED);
        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(5);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::line).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::field)
                .containsExactly("idNumber", "idNumber", "birthDate", "permanentResidence", "fullName");
        assertThat(report.rejections().get(0).reason()).contains("exactly 12 digits");
        assertThat(report.rejections().get(1).reason()).contains("male person, but the record says female");
        assertThat(report.rejections().get(2).reason()).contains("in the future");
        assertThat(report.rejections().get(3).reason()).contains("no commune with the code 99999");
        assertThat(report.rejections().get(4).reason()).contains("at most 100");
        assertThat(exists(good)).isTrue();
        assertThat(exists(wrongSex) || exists(future) || exists(unknown) || exists(longName)).isFalse();
        assertThat(jdbc.sql("select count(*) from population.import_rejection where job_id = ?")
                .param(report.jobId()).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void strictModeAppliesNothingWhenARowIsRejected() {
        String good = id(false, 1960);
        ImportReport report = importCsv(HEADER
                + row(good, "Hoàng Văn Nghiêm", "1960", "M", BA_DINH, "", household(), "head")
                + row(id(false, 1961), "Hoàng Văn Sai", "1961-02-30", "M", BA_DINH, "", "", ""), true);

        assertThat(report.status()).isEqualTo(ImportReport.Status.REJECTED);
        assertThat(report.accepted()).isZero();
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.reason()).contains("There is no date 1961-02-30");
        });
        assertThat(exists(good)).isFalse();
        assertThat(job(report.jobId())).isEqualTo("REJECTED 0 1");
    }

    @Test
    void rejectsNumbersRepeatedInTheFileOrAlreadyInTheRegistry() {
        String earlier = id(false, 1950);
        assertThat(importCsv(HEADER + row(earlier, "Bùi Văn Cũ", "1950", "M", BA_DINH, "", "", ""), false)
                .accepted()).isEqualTo(1);
        String twice = id(true, 1951);
        ImportReport report = importCsv(HEADER
                + row(earlier, "Bùi Văn Cũ", "1950", "M", BA_DINH, "", "", "")
                + row(twice, "Bùi Thị Hai", "1951", "F", BA_DINH, "", "", "")
                + row(twice, "Bùi Thị Hai Lần", "1951", "F", BA_DINH, "", "", ""), false);

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejections()).extracting(r -> r.line() + " " + r.field() + " " + r.reason())
                .containsExactly(
                        "2 idNumber duplicate personal identification number " + earlier + " (already in the registry)",
                        "4 idNumber duplicate personal identification number " + twice
                                + " (repeated in the file, first at line 3)");
        assertThat(registry.citizen(PersonalIdNumber.parse(twice), hanoi, "Kiểm tra", "test").record().fullName())
                .isEqualTo("Bùi Thị Hai");
    }

    @Test
    void findsARepeatedNumberInALaterChunkOfTheFile() {
        // More rows than one COPY chunk, so the repeat meets its first row in the table, not in memory.
        int rows = ImportLoad.CHUNK_ROWS + 5;
        String province = "038";
        int start = ThreadLocalRandom.current().nextInt(0, 900) * 1000;
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append(row(String.format("%s075%06d", province, start + i), "Lý Văn Nhiều", "1975", "M", BAT_TRANG,
                    "", "", ""));
        }
        String first = String.format("%s075%06d", province, start);
        csv.append(row(first, "Lý Văn Lặp", "1975", "M", BAT_TRANG, "", "", ""));
        ImportReport report = importCsv(csv.toString(), false);

        assertThat(report.accepted()).isEqualTo(rows);
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(rows + 2);
            assertThat(r.reason()).isEqualTo("duplicate personal identification number " + first
                    + " (repeated in the file, first at line 2)");
        });
        jdbc.sql("delete from population.citizen where change_reason = ?")
                .param("import job " + report.jobId() + ": people.csv").update();
    }

    @Test
    void rejectsTheMembersOfHouseholdsWithoutExactlyOneHead() {
        String headless = household();
        String twoHeads = household();
        String fine = household();
        String spouse = id(true, 1985);
        String child = id(false, 2010);
        String headA = id(false, 1940);
        String headB = id(true, 1942);
        String head = id(false, 1986);
        ImportReport report = importCsv(HEADER
                + row(spouse, "Ngô Thị Vợ", "1985", "F", BA_DINH, "", headless, "spouse")
                + row(head, "Mai Văn Chủ", "1986", "M", BA_DINH, "", fine, "head")
                + row(child, "Ngô Văn Con", "2010", "M", BA_DINH, "", headless, "child")
                + row(headA, "Đinh Văn Một", "1940", "M", BA_DINH, "", twoHeads, "head")
                + row(headB, "Đinh Thị Hai", "1942", "F", BA_DINH, "", twoHeads, "head"), false);

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::line).containsExactly(2L, 4L, 5L, 6L);
        assertThat(report.rejections().get(0).reason()).isEqualTo("the household " + headless
                + " has no head: no member in the file or the registry has the relation 'head'");
        assertThat(report.rejections().get(2).reason()).contains("has 2 heads");
        assertThat(exists(head)).isTrue();
        assertThat(exists(spouse) || exists(child) || exists(headA) || exists(headB)).isFalse();

        // A new member of a household whose head is already in the registry is fine.
        String daughter = id(true, 2012);
        assertThat(importCsv(HEADER + row(daughter, "Mai Thị Gái", "2012", "F", BA_DINH, "", fine, "child"), true)
                .status()).isEqualTo(ImportReport.Status.ACCEPTED);
    }

    @Test
    void refusesAFileThatIsNotUtf8AndAppliesNothing() {
        String first = id(false, 1991);
        byte[] bytes = (HEADER + row(first, "Nguyen Van Dau", "1991", "M", BA_DINH, "", "", "")
                + row(id(false, 1992), "Nguyễn Văn Sau", "1992", "M", BA_DINH, "", "", ""))
                .getBytes(Charset.forName("windows-1258"));
        long jobs = jobCount();
        assertThatThrownBy(() -> imports.importFile(new ByteArrayInputStream(bytes), Format.CSV, false, "cp1258.csv",
                hanoi)).isInstanceOf(ImportFileRefused.class).hasMessageStartingWith("the file is not UTF-8 (line 3)");
        assertThat(exists(first)).isFalse();
        assertThat(jobCount()).isEqualTo(jobs + 1);
        long job = jdbc.sql("select max(id) from population.import_job where actor = 'impit.hanoi'")
                .query(Long.class).single();
        assertThat(job(job)).isEqualTo("FAILED 0 1");
    }

    @Test
    void refusesATruncatedFileAndAppliesNothing() {
        String first = id(false, 1993);
        String csv = HEADER + row(first, "Nguyễn Văn Đủ", "1993", "M", BA_DINH, "", "", "")
                + id(false, 1994) + ",\"Nguyễn Văn Cụt";
        assertThatThrownBy(() -> importCsv(csv, false)).isInstanceOf(ImportFileRefused.class)
                .hasMessageStartingWith("the file ends in the middle of a record (line 3)");
        assertThat(exists(first)).isFalse();
    }

    @Test
    void rejectsAnAbsurdlyLongFieldAndRefusesAnAbsurdlyLongRecord() {
        String person = id(true, 1995);
        ImportReport report = importCsv(HEADER
                + row(person, "Trương Thị Dài", "1995", "F", BA_DINH, "Số 1 " + "x".repeat(5000), "", ""), false);
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("permanentAddress");
            assertThat(r.reason()).contains("5005 characters; at most 200");
        });
        assertThat(report.status()).isEqualTo(ImportReport.Status.REJECTED);

        String huge = HEADER + row(id(true, 1996), "Trương " + "Thị ".repeat(30_000), "1996", "F", BA_DINH, "", "", "");
        assertThatThrownBy(() -> importCsv(huge, false)).isInstanceOf(ImportFileRefused.class)
                .hasMessageContaining("line 2 is longer than 64 KiB");
    }

    @Test
    void importsNdjson() {
        String a = id(false, 1964);
        String b = id(true, 1966);
        String household = household();
        String ndjson = """
                {"idNumber":"%s","fullName":"Phan Văn Json","birthDate":"1964-04-04","sex":"M","permanentCommune":"%s","householdNumber":"%s","relationToHead":"head","spouseId":"%s","maritalStatus":"married"}
                {"idNumber":"%s","fullName":"Phan Thị Json","birthDate":"1966","sex":"F","permanentCommune":"%s","householdNumber":"%s","relationToHead":"spouse","homeTown":null}
                """.formatted(a, BA_DINH, household, b, b, BA_DINH, household);
        ImportReport report = imports.importFile(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                Format.NDJSON, true, "people.ndjson", hanoi);

        assertThat(report.status()).isEqualTo(ImportReport.Status.ACCEPTED);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(registry.citizen(PersonalIdNumber.parse(a), hanoi, "Kiểm tra", "test").record().spouse())
                .isEqualTo(PersonalIdNumber.parse(b));
    }

    @Test
    void importersImportOnlyPeopleOfTheirArea() {
        String inHanoi = id(false, 1977);
        String inSaigon = id(false, 1978);
        ImportReport report = importCsv(HEADER
                + row(inHanoi, "Hà Văn Nội", "1977", "M", BA_DINH, "", "", "")
                + row(inSaigon, "Sài Văn Gòn", "1978", "M", SAI_GON, "", "", ""), false);
        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.reason()).contains("outside the area of agency 000.00.03.H01");
        });
        assertThat(exists(inSaigon)).isFalse();

        assertThatThrownBy(() -> imports.importFile(new ByteArrayInputStream(HEADER.getBytes(StandardCharsets.UTF_8)),
                Format.CSV, false, "x.csv", hanoiOfficial)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exports.export(new ByteArrayOutputStream(), Format.CSV, Optional.of("79"),
                Optional.empty(), hanoi, "Tò mò")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void exportsAnAreaAndLogsEveryExportedPerson() throws Exception {
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER);
        String household = household();
        for (int i = 0; i < 5; i++) {
            String id = id(i % 2 == 1, 1990 + i);
            ids.add(id);
            csv.append(row(id, "Trần Văn Xuất", String.valueOf(1990 + i), i % 2 == 1 ? "F" : "M", BAT_TRANG,
                    "Thôn \"Bát\", " + i, household, i == 0 ? "head" : "child"));
        }
        assertThat(importCsv(csv.toString(), true).accepted()).isEqualTo(5);

        for (Format format : Format.values()) {
            String purpose = "Đối soát dữ liệu " + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exports.export(out, format, Optional.empty(), Optional.of(BAT_TRANG), hanoi, purpose);

            List<CitizenReader.Row> rows = new ArrayList<>();
            CitizenReader reader = CitizenReader.open(format, new ByteArrayInputStream(out.toByteArray()));
            for (CitizenReader.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            assertThat(rows).allSatisfy(r -> assertThat(r.problem()).isNull());
            assertThat(rows).extracting(r -> r.document().idNumber()).containsAll(ids);
            assertThat(rows).filteredOn(r -> r.document().idNumber().equals(ids.get(1))).singleElement()
                    .satisfies(r -> assertThat(r.document().permanentAddress()).isEqualTo("Thôn \"Bát\", 1"));
            long logged = jdbc.sql("select count(*) from population.access_log where purpose = ? and channel = "
                    + "'export' and actor = 'impit.hanoi'").param(purpose).query(Long.class).single();
            assertThat(logged).isEqualTo(rows.size());
            assertThat(jdbc.sql("select count(distinct citizen_id) from population.access_log where purpose = ? "
                    + "and citizen_id = any(?)").params(purpose, ids.stream().map(Long::valueOf).toArray(Long[]::new))
                    .query(Long.class).single()).isEqualTo(5);
        }
    }

    @Test
    void importsAndExportsOverHttpWithAnOfficialsToken() throws Exception {
        String a = id(false, 1969);
        String csv = HEADER + row(a, "Lâm Văn Mạng", "1969", "M", BA_DINH, "", household(), "head");
        HttpResponse<String> ok = post("impit.hanoi", "/api/v1/population/imports?fileName=http.csv",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"status\":\"ACCEPTED\"").contains("\"accepted\":1").contains("\"jobId\":");
        assertThat(exists(a)).isTrue();

        HttpResponse<String> anonymous = post(null, "/api/v1/population/imports?format=csv",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(anonymous.statusCode()).isEqualTo(401);

        byte[] cp1258 = (HEADER + row(id(false, 1968), "Lâm Văn Lỗi", "1968", "M", BA_DINH, "", "", ""))
                .getBytes(Charset.forName("windows-1258"));
        HttpResponse<String> refused = post("impit.hanoi", "/api/v1/population/imports?format=csv", cp1258,
                "application/octet-stream");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(refused.body()).contains("the file is not UTF-8 (line 2)").contains("\"field\":\"file\"");

        HttpResponse<String> export = get("impit.hanoi", "/api/v1/population/exports?format=ndjson&commune="
                + BA_DINH + "&purpose=" + URLEncoder.encode("Đối soát qua API", StandardCharsets.UTF_8));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition")).get().asString()
                .startsWith("attachment; filename=\"citizens-01-00004-").endsWith(".ndjson\"");
        assertThat(export.body()).contains("\"idNumber\":\"" + a + "\"");
        assertThat(get("impit.hanoi", "/api/v1/population/exports?province=79&purpose=x").statusCode())
                .isEqualTo(403);
        assertThat(get("impit.hanoi", "/api/v1/population/exports?commune=123&purpose=x").statusCode())
                .isEqualTo(400);
        assertThat(get("impit.hanoi", "/api/v1/population/exports").statusCode()).isEqualTo(400);
    }

    private ImportReport importCsv(String csv, boolean strict) {
        return imports.importFile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Format.CSV, strict,
                "people.csv", hanoi);
    }

    /** A number for a person registered in Nam Định (036), unique to this run. */
    private String id(boolean female, int year) {
        int digit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
        return String.format("036%d%02d%06d", digit, year % 100, block + serial++);
    }

    private String household() {
        return "IMP-" + block + "-" + serial++;
    }

    private static String row(String id, String name, String born, String sex, String commune, String address,
            String household, String relation) {
        return String.join(",", id, name, born, sex, commune, quote(address), household, relation) + "\n";
    }

    private static String quote(String s) {
        return s.isEmpty() ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private boolean exists(String id) {
        return jdbc.sql("select count(*) from population.citizen where id = ?").param(Long.parseLong(id))
                .query(Long.class).single() > 0;
    }

    private String job(long id) {
        return jdbc.sql("select status || ' ' || accepted || ' ' || rejected from population.import_job where id = ?")
                .param(id).query(String.class).single();
    }

    private long jobCount() {
        return jdbc.sql("select count(*) from population.import_job").query(Long.class).single();
    }

    private HttpResponse<String> post(String user, String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(user)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String basic(String user) {
        return "Bearer " + org.ketnoi.identity.TestTokens.officialToken(port, jdbc, user, PASSWORD);
    }
}
