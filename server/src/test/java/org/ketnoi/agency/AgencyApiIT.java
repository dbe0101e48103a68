package org.ketnoi.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.platform.Conflict;
import org.ketnoi.platform.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@KetnoiIntegrationTest
class AgencyApiIT {

    @LocalServerPort
    int port;

    @Autowired
    AgencyDirectory directory;

    @Autowired
    AdministrativeUnits units;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void loadsAllOfficialUnitsAndTheAgencyTree() {
        List<Province> provinces = units.provinces();
        assertThat(provinces).hasSize(34);
        assertThat(provinces.stream().mapToInt(Province::communeCount).sum()).isEqualTo(3321);
        assertThat(units.birthRegistrationProvinces()).hasSize(63);
        assertThat(units.birthRegistrationProvince("079")).get().extracting(BirthRegistrationProvince::name)
                .isEqualTo("TP Hồ Chí Minh");
        AgencyStatistics figures = directory.statistics();
        // Government + 17 central bodies, 34 People's Committees with 12 departments each, 3,321 communes.
        assertThat(figures.agencies()).isGreaterThanOrEqualTo(18 + 34 * 13 + 3321);
    }

    @Test
    void findsBaDinhUnderHanoiWithoutDiacritics() {
        List<Commune> found = units.searchCommunes("ba dinh", Optional.empty(), 10);
        assertThat(found).extracting(Commune::fullName).contains("Phường Ba Đình");
        Commune baDinh = found.stream().filter(c -> c.fullName().equals("Phường Ba Đình")).findFirst().orElseThrow();
        assertThat(baDinh.province()).isEqualTo(new ProvinceCode("01"));
        assertThat(baDinh.kind()).isEqualTo(Commune.Kind.WARD);
    }

    @Test
    void apiAnswersUnitsAndAgenciesAsJson() throws Exception {
        HttpResponse<String> hanoi = get("/api/v1/units/provinces/01");
        assertThat(hanoi.statusCode()).isEqualTo(200);
        assertThat(hanoi.body()).contains("\"code\":\"01\"").contains("\"name\":\"Hà Nội\"");
        HttpResponse<String> justice = get("/api/v1/agencies?q=tu%20phap%20ha%20noi");
        assertThat(justice.body()).contains("\"id\":\"000.00.03.H01\"").contains("Sở Tư pháp Thành phố Hà Nội");
        HttpResponse<String> path = get("/api/v1/agencies/000.04.XA.H01/path");
        assertThat(path.body()).containsSubsequence("000.00.00.G00", "000.00.00.H01", "000.04.XA.H01");
    }

    @Test
    void unknownCodesGet404AndMalformedOnes400AsProblemJson() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/units/communes/99999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(unknown.body()).contains("No commune-level unit has the code 99999");

        HttpResponse<String> malformed = get("/api/v1/units/provinces/1x");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(malformed.body()).contains("\"field\":\"provinceCode\"");

        assertThat(get("/api/v1/agencies/000.00.00.H99").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/agencies/not-an-id").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/agencies?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/agencies?limit=abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/units/birth-registration-provinces/003").statusCode()).isEqualTo(404);
    }

    @Test
    void representsAFourLevelTreeWithDistricts() {
        // Before 1 July 2025: central, province, district, commune. The district level is data.
        long before = audit.verify().entries();
        AgencyId district = AgencyId.parse("000.01.HU.H01");
        AgencyId commune = AgencyId.parse("001.01.HU.H01");
        directory.register(new NewAgency(district, "Ủy ban nhân dân quận Ba Đình (trước 2025)",
                "People's Committee of Ba Dinh District (before 2025)", "peoples_committee", "district",
                Optional.of(AgencyId.parse("000.00.00.H01")), Optional.of(new ProvinceCode("01")), Optional.empty()),
                "test:four-levels");
        directory.register(new NewAgency(commune, "Ủy ban nhân dân phường Phúc Xá (trước 2025)", null,
                "peoples_committee", "commune", Optional.of(district), Optional.of(new ProvinceCode("01")),
                Optional.of(new CommuneCode("00004"))), "test:four-levels");

        assertThat(directory.path(commune)).extracting(Agency::level)
                .containsExactly("central", "province", "district", "commune");
        assertThat(directory.children(district)).extracting(Agency::id).containsExactly(commune);
        assertThat(audit.verify().entries()).isEqualTo(before + 2);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void refusesRegistrationsThatBreakTheTreeAndChangesNothing() {
        long agencies = directory.statistics().agencies();
        Optional<AgencyId> hanoi = Optional.of(AgencyId.parse("000.00.00.H01"));
        assertThatThrownBy(() -> directory.register(new NewAgency(AgencyId.parse("000.00.00.H01"), "Trùng", null,
                "department", "province", Optional.empty(), Optional.empty(), Optional.empty()), "test"))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> directory.register(new NewAgency(AgencyId.parse("000.00.77.H01"), "Sai cấp", null,
                "department", "central", hanoi, Optional.empty(), Optional.empty()), "test"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("cannot sit under");
        assertThatThrownBy(() -> directory.register(new NewAgency(AgencyId.parse("000.00.78.H01"), "Cấp lạ", null,
                "department", "galaxy", hanoi, Optional.empty(), Optional.empty()), "test"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("no agency level 'galaxy'");
        assertThatThrownBy(() -> directory.register(new NewAgency(AgencyId.parse("000.00.79.H01"), "Sai địa bàn",
                null, "department", "commune", hanoi, Optional.of(new ProvinceCode("79")),
                Optional.of(new CommuneCode("00004"))), "test"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("is not in province 79");
        assertThatThrownBy(() -> directory.register(new NewAgency(AgencyId.parse("000.00.80.H01"), "Không cha",
                null, "department", "province", Optional.of(AgencyId.parse("000.00.00.H98")), Optional.empty(),
                Optional.empty()), "test"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("does not exist");
        assertThat(directory.statistics().agencies()).isEqualTo(agencies);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
