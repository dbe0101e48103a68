package org.ketnoi.catalogue;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalogue in Chromium, in Vietnamese and English: a citizen (not signed in) searches without
 * accents and reads a procedure; administrators publish a procedure, change it, try its form, meet
 * a stale form, and an administrator of another agency is turned away.
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueBrowserIT {

    private static final String PASSWORD = "catalogue-browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    ProcedureCatalogue catalogue;

    @Autowired
    JdbcClient jdbc;

    private BrowserContext context;

    @Autowired
    org.ketnoi.catalogue.admin.CatalogueAdministration administration;

    @BeforeAll
    void administrators() {
        // more procedures than a page holds, so the search pages
        Procedure birth = catalogue.current("1.001193").orElseThrow();
        org.ketnoi.identity.Caller platform = new org.ketnoi.identity.Caller("test:catalogue-browser", "Test",
                org.ketnoi.identity.Caller.Kind.OFFICIAL, null, null, null, Set.of(Roles.PLATFORM_ADMIN));
        while (catalogue.search(ProcedureCatalogue.Query.words("")).total() <= 21) {
            administration.create(new Procedure(freeCode(), 1, new Procedure.Text("Thủ tục thử nghiệm phân trang",
                    "Paging test procedure"), birth.field(), birth.level(), birth.departmentSegment(),
                    birth.centralAgency(), birth.subjects(), birth.components(), birth.formSchema(), birth.fees(),
                    birth.processingTime(), birth.onlineMode(), birth.legalBasis(), birth.processKey(),
                    birth.secondAgency(), birth.result(), birth.description(), birth.owner()), platform);
        }
        accounts.createOfficial("br.cat.nentang", "Quản trị nền tảng (trình duyệt)", AgencyId.parse("000.00.00.G03"),
                Set.of(Roles.PLATFORM_ADMIN), null, PASSWORD, "test");
        accounts.createOfficial("br.cat.botuphap", "Quản trị Bộ Tư pháp (trình duyệt)", AgencyId.parse("000.00.00.G06"),
                Set.of(Roles.AGENCY_ADMIN), null, PASSWORD, "test");
        accounts.createOfficial("br.cat.boyte", "Quản trị Bộ Y tế (trình duyệt)", AgencyId.parse("000.00.00.G14"),
                Set.of(Roles.AGENCY_ADMIN), null, PASSWORD, "test");
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    private Page open(String username) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setBaseURL("http://localhost:" + port);
        if (username != null) {
            options.setStorageState(BrowserSupport.signedIn(port, username, PASSWORD,
                    () -> TestTokens.enrolTotp(jdbc, username)));
        }
        context = BrowserSupport.newContext(options);
        return context.newPage();
    }

    @Test
    void aCitizenFindsBirthRegistrationWithoutAccentsAndReadsItInVietnamese() {
        Page page = open(null);
        page.navigate("/");
        page.click("nav.kn-nav a[href='/procedures']");
        assertThat(page.locator("h1")).hasText("Thủ tục hành chính");
        assertThat(page.locator("nav.kn-nav a[href='/procedures']")).hasAttribute("aria-current", "page");
        screenshot(page, "catalogue-search");
        assertNoSeriousAxeViolations(page);

        page.fill("#q", "dang ky khai sinh");
        page.click("main button[type=submit]");
        assertThat(page.locator("#results-heading")).containsText("Tìm thấy");
        assertThat(page.locator("#results li").first().locator("h3")).hasText("Đăng ký khai sinh");
        assertThat(page.locator("#q")).hasValue("dang ky khai sinh");
        screenshot(page, "catalogue-search-results");
        assertNoSeriousAxeViolations(page);

        page.locator("#results li").first().locator("h3 a").click();
        assertThat(page.locator("h1")).hasText("Đăng ký khai sinh");
        assertThat(page.locator("#code")).containsText("1.001193");
        assertThat(page.locator("#handler")).containsText("Ủy ban nhân dân xã, phường");
        assertThat(page.locator("#fee")).hasText("Không mất phí");
        assertThat(page.locator("#time")).hasText("Trong ngày làm việc");
        assertThat(page.locator("#online-mode")).containsText("Toàn trình");
        assertThat(page.locator("#components")).containsText("Giấy chứng sinh");
        assertThat(page.locator("#components")).containsText("Lấy từ CSDL quốc gia về dân cư");
        assertThat(page.locator("#components")).containsText("Bản chính");
        assertThat(page.locator("#legal-basis li").first()).containsText("Luật Hộ tịch");
        assertThat(page.locator("#apply")).hasText("Nộp hồ sơ trực tuyến");
        assertThat(page.locator("#apply")).hasAttribute("href", "/dossiers/new/1.001193");
        screenshot(page, "catalogue-procedure");
        assertNoSeriousAxeViolations(page);

        org.assertj.core.api.Assertions.assertThat(page.navigate("/procedures/9.999998").status()).isEqualTo(404);
        assertThat(page.locator("#error-reason")).containsText("9.999998");
    }

    @Test
    void aReaderFiltersAndPagesInEnglish() {
        Page page = open(null);
        page.navigate("/procedures?lang=en");
        assertThat(page.locator("h1")).hasText("Administrative procedures");
        assertThat(page.locator(".govuk-pagination")).isVisible();
        page.click(".govuk-pagination__next a");
        assertThat(page.locator(".govuk-pagination__item--current")).hasText("2");
        assertThat(page.locator("#results li")).not().hasCount(0);
        assertNoSeriousAxeViolations(page);

        page.selectOption("#level", "central");
        page.click("#search");
        assertThat(page.locator("#results .kn-facts")).not().hasCount(0);
        for (String level : page.locator("#results .kn-facts div:nth-child(3) dd").allTextContents()) {
            org.assertj.core.api.Assertions.assertThat(level).isEqualTo("Central");
        }
        screenshot(page, "catalogue-search-en");
        assertNoSeriousAxeViolations(page);

        page.navigate("/procedures?q=khai+sinh&field=ho-tich&level=commune");
        assertThat(page.locator("#field")).hasValue("ho-tich");
        assertThat(page.locator("#results")).containsText("Birth registration");
        page.click("#results a:has-text('Birth registration')");
        assertThat(page.locator("h1")).hasText("Birth registration");
        assertThat(page.locator("#fee")).hasText("Free");
        assertThat(page.locator("#components")).containsText("Taken from the National Population Database");
        assertThat(page.locator("#apply")).hasText("Apply online");
        screenshot(page, "catalogue-procedure-en");
        assertNoSeriousAxeViolations(page);

        page.navigate("/procedures?q=zzzz+khong+co");
        assertThat(page.locator("#no-results")).isVisible();
    }

    @Test
    void aPlatformAdministratorPublishesAndChangesAProcedure() {
        Page page = open("br.cat.nentang");
        page.navigate("/admin/procedures");
        assertThat(page.locator("h1")).hasText("Quản lý thủ tục hành chính");
        assertThat(page.locator("#procedures")).containsText("1.001193");
        assertNoSeriousAxeViolations(page);

        page.click("#new-procedure");
        assertThat(page.locator("h1")).hasText("Thêm thủ tục mới");
        String code = freeCode();
        page.fill("#code", "1.2345");
        page.fill("#nameEn", "Certification of a signature (test)");
        page.click("#save");
        assertThat(page.locator("#error-summary")).containsText("Mã thủ tục có dạng 1.001193");
        assertThat(page.locator("#error-summary")).containsText("Hãy nhập tên tiếng Việt");
        assertThat(page.locator("#code-error")).isVisible();
        assertThat(page.locator("#nameEn")).hasValue("Certification of a signature (test)");
        screenshot(page, "catalogue-admin-new-refused");
        assertNoSeriousAxeViolations(page);
        org.assertj.core.api.Assertions.assertThat(catalogue.current("1.2345")).isEmpty();

        page.fill("#code", code);
        page.fill("#nameVi", "Chứng thực chữ ký (thử nghiệm)");
        page.fill("#fieldVi", "Chứng thực");
        page.fill("#fieldEn", "Certification");
        page.fill("#components-0-key", "giay-to-can-chung-thuc");
        page.fill("#components-0-nameVi", "Giấy tờ, văn bản cần chứng thực chữ ký");
        page.click("#add-component");
        assertThat(page.locator("#components-1-key")).isVisible();
        assertThat(page.locator("#components-0-key")).hasValue("giay-to-can-chung-thuc");
        page.fill("#components-1-key", "applicant-id");
        page.fill("#components-1-nameVi", "Giấy tờ tùy thân");
        page.check("#components-1-fromRegistry");
        page.click("#add-fee");
        page.fill("#fees-0-nameVi", "Lệ phí chứng thực chữ ký");
        page.fill("#fees-0-amount", "10.000");
        page.fill("#resultTitleVi", "CHỨNG THỰC CHỮ KÝ");
        page.fill("#resultLinesVi", "Người yêu cầu chứng thực: {applicant.fullName}");
        page.fill("#resultLinesEn", "Requested by: {applicant.fullName}");
        page.click("#save");
        assertThat(page.locator("#saved")).hasText("Đã công bố thủ tục mới (phiên bản 1).");
        Procedure created = catalogue.current(code).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(created.totalFee()).isEqualTo(10_000);
        org.assertj.core.api.Assertions.assertThat(created.components()).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(created.components().get(1).fromRegistry()).isTrue();

        page.fill("#fees-0-amount", "-10000");
        page.selectOption("#processKey", "two-agency");
        page.click("#save");
        assertThat(page.locator("#error-summary")).containsText("Mức thu không được âm");
        assertThat(page.locator("#error-summary")).containsText("Quy trình hai cơ quan cần cơ quan thứ hai");
        assertThat(page.locator("#fees-0-amount")).hasValue("-10000");
        screenshot(page, "catalogue-admin-edit-refused");
        assertNoSeriousAxeViolations(page);
        org.assertj.core.api.Assertions.assertThat(catalogue.current(code).orElseThrow().version()).isEqualTo(1);

        page.fill("#fees-0-amount", "20.000");
        page.selectOption("#processKey", "one-stop");
        page.fill("#nameVi", "Chứng thực chữ ký trong giấy tờ, văn bản (thử nghiệm)");
        page.click("#save");
        assertThat(page.locator("#saved")).hasText("Đã lưu phiên bản 2. Các phiên bản trước giữ nguyên.");
        assertThat(page.locator("#history tbody tr")).hasCount(2);
        screenshot(page, "catalogue-admin-edit");
        assertNoSeriousAxeViolations(page);
        org.assertj.core.api.Assertions.assertThat(catalogue.current(code).orElseThrow().totalFee()).isEqualTo(20_000);
        org.assertj.core.api.Assertions.assertThat(catalogue.version(code, 1).orElseThrow().totalFee())
                .isEqualTo(10_000);

        // The form as applicants see it: refused values are shown with their problems and kept.
        page.click("#preview");
        assertThat(page.locator("#form-applicant-fullName")).isVisible();
        assertNoSeriousAxeViolations(page);
        page.fill("#form-applicant-idNumber", "12345");
        page.fill("#form-applicant-fullName", "Trần Thị Hoa");
        page.fill("#form-applicant-birthDate", "1990-05-17");
        page.click("#check");
        assertThat(page.locator("#form-error-summary")).containsText("Số định danh cá nhân không đúng định dạng");
        assertThat(page.locator("#form-error-summary")).containsText("Hãy nhập nơi thường trú");
        assertThat(page.locator("#form-applicant-idNumber-error")).isVisible();
        assertThat(page.locator("#form-applicant-fullName")).hasValue("Trần Thị Hoa");
        assertThat(page.locator("#form-applicant-birthDate")).hasValue("1990-05-17");
        screenshot(page, "catalogue-form-refused");
        assertNoSeriousAxeViolations(page);
        page.click("#form-error-summary a[href='#form-applicant-idNumber']");
        assertThat(page.locator("#form-applicant-idNumber")).isFocused();
    }

    @Test
    void aStaleFormIsRefusedWithWhoSavedMeanwhile() {
        String code = freeCode();
        Procedure birth = catalogue.current("1.001193").orElseThrow();
        Page page = open("br.cat.botuphap");
        page.navigate("/admin/procedures/new");
        page.fill("#code", code);
        page.fill("#nameVi", "Thủ tục thử nghiệm của Bộ Tư pháp");
        page.fill("#nameEn", "A test procedure of the Ministry of Justice");
        page.fill("#fieldVi", "Hộ tịch");
        page.fill("#components-0-key", "to-khai");
        page.fill("#components-0-nameVi", "Tờ khai");
        page.fill("#resultTitleVi", "GIẤY XÁC NHẬN");
        page.fill("#formSchema", birth.formSchema().toPrettyString());
        page.click("#save");
        assertThat(page.locator("#saved")).isVisible();
        assertThat(page.locator("#owner")).hasText("000.00.00.G06");

        Page second = context.newPage();
        second.navigate("/admin/procedures/" + code + "/edit");
        second.fill("#descriptionVi", "Sửa ở thẻ thứ hai");
        second.click("#save");
        assertThat(second.locator("#saved")).containsText("phiên bản 2");

        page.fill("#descriptionVi", "Sửa ở thẻ thứ nhất, từ phiên bản cũ");
        page.click("#save");
        assertThat(page.locator("#stale")).containsText("br.cat.botuphap đã lưu phiên bản 2");
        assertThat(page.locator("#descriptionVi")).hasValue("Sửa ở thẻ thứ nhất, từ phiên bản cũ");
        screenshot(page, "catalogue-admin-stale");
        assertNoSeriousAxeViolations(page);
        Procedure current = catalogue.current(code).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(current.version()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(current.description().vi()).isEqualTo("Sửa ở thẻ thứ hai");

        page.navigate("/admin/procedures/" + code + "/edit?lang=en");
        assertThat(page.locator("#current-version")).containsText("Version in force: 2");
        screenshot(page, "catalogue-admin-edit-en");
        assertNoSeriousAxeViolations(page);
    }

    @Test
    void anAdministratorOfAnotherAgencyIsTurnedAway() {
        Page page = open("br.cat.boyte");
        page.navigate("/admin/procedures");
        assertThat(page.locator("#procedures")).containsText("1.001193");
        assertThat(page.locator("a[href='/admin/procedures/1.001193/edit']")).hasCount(0);
        String csrf = page.locator("form.kn-signout input[name=_csrf]").getAttribute("value");
        org.assertj.core.api.Assertions.assertThat(page.navigate("/admin/procedures/1.001193/edit").status())
                .isEqualTo(403);
        Procedure before = catalogue.current("1.001193").orElseThrow();
        APIResponse post = context.request().post("/admin/procedures/1.001193", RequestOptions.create()
                .setForm(FormData.create().set("_csrf", csrf).set("action", "save")
                        .set("baseVersion", String.valueOf(before.version())).set("nameVi", "Sửa trái phép")
                        .set("nameEn", "Unauthorised").set("fieldVi", "Hộ tịch").set("level", "commune"))
                .setMaxRedirects(0));
        org.assertj.core.api.Assertions.assertThat(post.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(catalogue.current("1.001193").orElseThrow()).isEqualTo(before);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from audit.entry where actor = ? "
                + "and action = 'catalogue.save' and object = ? and outcome = 'REFUSED'")
                .params("br.cat.boyte", "procedure:1.001193@" + (before.version() + 1)).query(Long.class).single())
                .isEqualTo(1);

        Page citizen = context.browser().newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)).newPage();
        citizen.navigate("/admin/procedures");
        org.assertj.core.api.Assertions.assertThat(citizen.url()).contains("/signin");
        citizen.context().close();
    }

    private String freeCode() {
        while (true) {
            String code = "8." + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (catalogue.current(code).isEmpty()) {
                return code;
            }
        }
    }
}
