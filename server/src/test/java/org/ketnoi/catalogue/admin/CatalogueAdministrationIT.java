package org.ketnoi.catalogue.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.catalogue.internal.Catalogue;
import org.ketnoi.catalogue.internal.Problem;
import org.ketnoi.catalogue.internal.ProcedureInvalid;
import org.ketnoi.catalogue.internal.ProcedureStore;
import org.ketnoi.catalogue.internal.SeedFiles;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Administrators change the catalogue: every save is a new version that leaves the older ones as
 * they were; only platform administrators and the owning agency's administrators save; a stale
 * form and invalid input change nothing; every save and refusal is in the audit trail.
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueAdministrationIT {

    private static final String PASSWORD = "catalogue-admin-test-password";
    private static final AgencyId JUSTICE = AgencyId.parse("000.00.00.G06");
    private static final AgencyId POLICE = AgencyId.parse("000.00.00.G03");

    @LocalServerPort
    int port;

    @Autowired
    CatalogueAdministration admin;

    @Autowired
    ProcedureCatalogue catalogue;

    @Autowired
    Catalogue memory;

    @Autowired
    ProcedureStore store;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    private Caller platformAdmin;
    private Caller justiceAdmin;
    private Caller policeAdmin;
    private Caller justiceClerk;

    @BeforeAll
    void people() {
        platformAdmin = accounts.caller(accounts.createOfficial("it.cat.nentang", "Quản trị nền tảng (catalogue IT)",
                POLICE, Set.of(Roles.PLATFORM_ADMIN), null, PASSWORD, "test"));
        justiceAdmin = accounts.caller(accounts.createOfficial("it.cat.botuphap", "Quản trị Bộ Tư pháp (IT)", JUSTICE,
                Set.of(Roles.AGENCY_ADMIN), null, PASSWORD, "test"));
        policeAdmin = accounts.caller(accounts.createOfficial("it.cat.bocongan", "Quản trị Bộ Công an (IT)", POLICE,
                Set.of(Roles.AGENCY_ADMIN), null, PASSWORD, "test"));
        justiceClerk = accounts.caller(accounts.createOfficial("it.cat.chuyenvien", "Chuyên viên Bộ Tư pháp (IT)",
                JUSTICE, Set.of(Roles.SPECIALIST), null, PASSWORD, "test"));
    }

    @Test
    void savingWritesANewVersionAndLeavesTheOldOneReadableAndUnchanged() {
        Procedure v1 = newProcedure();
        String v1Document = document(v1.code(), 1);

        Procedure changed = copy(v1, new Procedure.Text("Đăng ký khai sinh (thử nghiệm, sửa đổi)",
                "Birth registration (test, amended)"), List.of(new Procedure.Fee(
                        new Procedure.Text("Lệ phí đăng ký quá hạn", "Late registration fee"), 8_000)));
        int version = admin.save(changed, 1, platformAdmin);

        assertThat(version).isEqualTo(2);
        Procedure current = catalogue.current(v1.code()).orElseThrow();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.name().vi()).isEqualTo("Đăng ký khai sinh (thử nghiệm, sửa đổi)");
        assertThat(current.totalFee()).isEqualTo(8_000);
        Procedure old = catalogue.version(v1.code(), 1).orElseThrow();
        assertThat(old).isEqualTo(v1);
        assertThat(old.totalFee()).isZero();
        assertThat(document(v1.code(), 1)).as("version 1's row is untouched").isEqualTo(v1Document);
        assertThat(store.version(v1.code(), 2).orElseThrow().savedBy()).isEqualTo("it.cat.nentang");
        assertThat(audited("it.cat.nentang", "procedure:" + v1.code() + "@2", "SUCCESS")).isTrue();
        assertThat(catalogue.search(ProcedureCatalogue.Query.words("thu nghiem sua doi")).procedures())
                .extracting(Procedure::code).contains(v1.code());
    }

    @Test
    void theRenderedPublicPageIsReusedForAnonymousVisitorsUntilTheProcedureChanges() throws Exception {
        Procedure v1 = newProcedure();
        String path = "/procedures/" + v1.code();
        HttpResponse<String> first = get(path, null);
        HttpResponse<String> second = get(path, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("miss");
        assertThat(second.headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body()).contains("Đăng ký khai sinh (thử nghiệm)")
                .doesNotContain("_csrf");
        // no session was opened; only Spring Security's CSRF cookie may be set, and it is not in the page
        assertThat(first.headers().allValues("Set-Cookie")).allMatch(c -> c.startsWith("XSRF-TOKEN="));
        // the security headers are on the reused page as on the rendered one
        assertThat(second.headers().firstValue("X-Frame-Options")).isEqualTo(first.headers().firstValue("X-Frame-Options"))
                .isPresent();
        assertThat(second.headers().firstValue("Content-Language")).hasValue("vi");

        // the English visitor gets the English page, not the Vietnamese one reused
        HttpResponse<String> english = get(path, "ketnoi-lang=en");
        assertThat(english.body()).contains("Birth registration (test)").doesNotContain("Đăng ký khai sinh (thử nghiệm)");
        assertThat(get(path, "ketnoi-lang=en").headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("hit");
        assertThat(get(path + "?lang=en", null).headers().firstValue("X-Ketnoi-Page-Cache")).isEmpty();
        // anyone with a session is rendered for
        assertThat(get(path, "SESSION=bm90LWEtc2Vzc2lvbg").headers().firstValue("X-Ketnoi-Page-Cache")).isEmpty();

        admin.save(copy(v1, new Procedure.Text("Khai sinh, tên mới", "Birth, new name"), v1.fees()), 1, platformAdmin);
        HttpResponse<String> after = get(path, null);
        assertThat(after.headers().firstValue("X-Ketnoi-Page-Cache")).hasValue("miss");
        assertThat(after.body()).contains("Khai sinh, tên mới").doesNotContain("Đăng ký khai sinh (thử nghiệm)");
        assertThat(get("/procedures?q=khai+sinh+ten+moi", null).body()).contains(path);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOwningAgencysAdministratorSavesAndAnotherAgencysIsRefused() {
        Procedure v1 = newProcedure();
        int saved = admin.save(copy(v1, new Procedure.Text("Tên mới của Bộ Tư pháp", "New name by Justice"),
                v1.fees()), 1, justiceAdmin);
        assertThat(saved).isEqualTo(2);

        Procedure attempt = copy(v1, new Procedure.Text("Sửa trái phép", "Unauthorised change"), v1.fees());
        assertThatThrownBy(() -> admin.save(attempt, 2, policeAdmin)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.save(attempt, 2, justiceClerk)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.editable(v1.code(), policeAdmin)).isInstanceOf(AccessDeniedException.class);

        assertThat(catalogue.current(v1.code()).orElseThrow().version()).isEqualTo(2);
        assertThat(catalogue.current(v1.code()).orElseThrow().name().vi()).isEqualTo("Tên mới của Bộ Tư pháp");
        assertThat(catalogue.version(v1.code(), 3)).isEmpty();
        assertThat(audited("it.cat.bocongan", "procedure:" + v1.code() + "@3", "REFUSED")).isTrue();
        assertThat(audited("it.cat.chuyenvien", "procedure:" + v1.code() + "@3", "REFUSED")).isTrue();
        assertThat(audited("it.cat.bocongan", "procedure:" + v1.code() + "@3", "SUCCESS")).isFalse();
    }

    @Test
    void anAgencyAdministratorDoesNotHandTheProcedureToAnotherAgency() {
        Procedure v1 = newProcedure();
        Procedure moved = new Procedure(v1.code(), v1.version(), v1.name(), v1.field(), v1.level(),
                v1.departmentSegment(), v1.centralAgency(), v1.subjects(), v1.components(), v1.formSchema(),
                v1.fees(), v1.processingTime(), v1.onlineMode(), v1.legalBasis(), v1.processKey(), v1.secondAgency(),
                v1.result(), v1.description(), Optional.of(POLICE.value()));
        ProcedureInvalid refused = catchThrowableOfType(ProcedureInvalid.class, () -> admin.save(moved, 1, justiceAdmin));
        assertThat(refused.problems()).extracting(Problem::code).containsExactly("owner.fixed");
        assertThat(catalogue.current(v1.code()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aStaleFormIsRefusedWithWhoSavedInTheMeantime() {
        Procedure v1 = newProcedure();
        admin.save(copy(v1, new Procedure.Text("Lần sửa thứ nhất", "First change"), v1.fees()), 1, justiceAdmin);
        ProcedureStore.Stale stale = catchThrowableOfType(ProcedureStore.Stale.class, () -> admin.save(
                copy(v1, new Procedure.Text("Lần sửa dựa trên bản cũ", "Change from the old version"), v1.fees()), 1,
                platformAdmin));
        assertThat(stale.current().savedBy()).isEqualTo("it.cat.botuphap");
        assertThat(stale.current().procedure().version()).isEqualTo(2);
        assertThat(stale.current().savedAt()).isNotNull();
        assertThat(catalogue.current(v1.code()).orElseThrow().name().vi()).isEqualTo("Lần sửa thứ nhất");
        assertThat(catalogue.version(v1.code(), 3)).isEmpty();
        assertThat(audited("it.cat.nentang", "procedure:" + v1.code() + "@2", "SUCCESS")).isFalse();
    }

    @Test
    void invalidInputIsRefusedWithItsReasonsAndChangesNothing() {
        Procedure v1 = newProcedure();
        Procedure bad = new Procedure(v1.code(), 2, new Procedure.Text(" ", ""), v1.field(), v1.level(),
                v1.departmentSegment(), v1.centralAgency(), v1.subjects(), v1.components(),
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "objekt"),
                List.of(new Procedure.Fee(new Procedure.Text("Lệ phí", "Fee"), -1)), v1.processingTime(),
                v1.onlineMode(), v1.legalBasis(), "three-agency", v1.secondAgency(), v1.result(), v1.description(),
                v1.owner());
        ProcedureInvalid refused = catchThrowableOfType(ProcedureInvalid.class, () -> admin.save(bad, 1, platformAdmin));
        assertThat(refused.problems()).extracting(Problem::code)
                .contains("name.vi", "name.en", "fee.negative", "process", "schema.root");
        assertThat(catalogue.current(v1.code()).orElseThrow()).isEqualTo(v1);
        assertThat(catalogue.version(v1.code(), 2)).isEmpty();

        Procedure badCode = copyWithCode(v1, "1.00119");
        assertThat(catchThrowableOfType(ProcedureInvalid.class, () -> admin.create(badCode, platformAdmin))
                .problems()).extracting(Problem::code).contains("code.shape");
        assertThat(catalogue.current("1.00119")).isEmpty();

        Procedure taken = copyWithCode(v1, "1.001193");
        assertThat(catchThrowableOfType(ProcedureInvalid.class, () -> admin.create(taken, platformAdmin))
                .problems()).extracting(Problem::code).containsExactly("code.taken");
        assertThat(catalogue.current("1.001193").orElseThrow().name().vi()).isEqualTo("Đăng ký khai sinh");
    }

    @Test
    void anAgencyAdministratorCreatesProceduresOfTheirOwnAgencyOnly() {
        Procedure template = catalogue.current("1.001193").orElseThrow();
        Procedure ours = copyWithCode(template, freeCode());
        admin.create(ours, justiceAdmin);
        assertThat(catalogue.current(ours.code())).isPresent();
        assertThat(audited("it.cat.botuphap", "procedure:" + ours.code() + "@1", "SUCCESS")).isTrue();

        Procedure theirs = copyWithCode(template, freeCode());
        assertThatThrownBy(() -> admin.create(theirs, policeAdmin)).isInstanceOf(AccessDeniedException.class);
        assertThat(catalogue.current(theirs.code())).isEmpty();
        assertThat(audited("it.cat.bocongan", "procedure:" + theirs.code() + "@1", "REFUSED")).isTrue();
    }

    @Test
    void aSeedNeverReplacesAnAdministratorsVersion() {
        String code = memory.entries().stream().map(e -> e.procedure().code())
                .filter(c -> !c.equals("1.001193") && !c.startsWith("9.")).findFirst().orElseThrow();
        Procedure seeded = catalogue.current(code).orElseThrow();
        Procedure amended = copy(seeded, new Procedure.Text(seeded.name().vi() + " (bản sửa)",
                seeded.name().en() + " (amended)"), seeded.fees());
        int version = admin.save(amended, seeded.version(), platformAdmin);

        assertThat(memory.seed(SeedFiles.find(SeedFiles.LOCATION))).isZero();
        memory.reload();
        assertThat(catalogue.current(code).orElseThrow().version()).isEqualTo(version);
        assertThat(catalogue.current(code).orElseThrow().name().vi()).endsWith("(bản sửa)");
        assertThat(jdbc.sql("select count(*) from catalogue.procedure_version where code = ? and version = 1")
                .param(code).query(Long.class).single()).isEqualTo(1);
    }

    /** A fresh procedure owned by the Ministry of Justice, copied from birth registration. */
    private Procedure newProcedure() {
        Procedure template = catalogue.current("1.001193").orElseThrow();
        Procedure p = copyWithCode(template, freeCode());
        admin.create(p, platformAdmin);
        return catalogue.current(p.code()).orElseThrow();
    }

    private String freeCode() {
        while (true) {
            String code = "9." + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (catalogue.current(code).isEmpty()) {
                return code;
            }
        }
    }

    private static Procedure copyWithCode(Procedure p, String code) {
        return new Procedure(code, 1, new Procedure.Text("Đăng ký khai sinh (thử nghiệm)", "Birth registration (test)"),
                p.field(), p.level(), p.departmentSegment(), p.centralAgency(), p.subjects(), p.components(),
                p.formSchema(), p.fees(), p.processingTime(), p.onlineMode(), p.legalBasis(), p.processKey(),
                p.secondAgency(), p.result(), p.description(), Optional.of(JUSTICE.value()));
    }

    private static Procedure copy(Procedure p, Procedure.Text name, List<Procedure.Fee> fees) {
        return new Procedure(p.code(), p.version() + 1, name, p.field(), p.level(), p.departmentSegment(),
                p.centralAgency(), p.subjects(), p.components(), p.formSchema(), fees, p.processingTime(),
                p.onlineMode(), p.legalBasis(), p.processKey(), p.secondAgency(), p.result(), p.description(),
                p.owner());
    }

    private String document(String code, int version) {
        return jdbc.sql("select document::text || saved_by || saved_at from catalogue.procedure_version "
                + "where code = ? and version = ?").params(code, version).query(String.class).single();
    }

    private boolean audited(String actor, String object, String outcome) {
        return jdbc.sql("select count(*) from audit.entry where actor = ? and action = 'catalogue.save' "
                        + "and object = ? and outcome = ?")
                .params(actor, object, outcome).query(Long.class).single() > 0;
    }
}
