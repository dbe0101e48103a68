package org.ketnoi.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An official of Phường Ba Đình uses the registry's pages in Chromium. */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryBrowserIT {

    private static final String PASSWORD = "browser-test-password";
    private static final String DUNG = "001088712345";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    PopulationRegistry registry;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    void officialAndPerson() {
        Caller official = accounts.register("page.badinh", "Cán bộ Ba Đình", Caller.Kind.OFFICIAL,
                AgencyId.parse("000.04.XA.H01"), Set.of(Roles.REGISTRY_OFFICIAL), PASSWORD, "test");
        registry.register(new CitizenDocument(DUNG, "Phạm Tiến Dũng", "1988-11-02", "M", "Kinh", null, "VN", null,
                "Nam Định", "00004", "5 Phố Kim Mã", null, null, "HN-PAGE-1", "head", "2021-05-01",
                "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "single", null, null, null, null).toRecord(),
                official, "Đăng ký thử", null);
    }

    private String signedIn(String username) {
        return BrowserSupport.signedIn(port, username, PASSWORD, () -> org.ketnoi.identity.TestTokens.enrolTotp(jdbc,
                username));
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
                .setStorageState(signedIn("page.badinh")));
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    @Test
    void officialFindsAPersonWithoutDiacriticsOpensTheRecordAndSeesTheReadLogged() {
        page.navigate("/registry");
        assertNoSeriousAxeViolations(page);
        page.fill("#purpose", "Xác minh nhân thân");
        page.fill("#name", "pham tien dung");
        page.fill("#birthDate", "1988");
        page.click("main button[type=submit]");
        assertThat(page.locator("#results")).containsText("Phạm Tiến Dũng");
        screenshot(page, "registry-search");
        page.click("#results a");
        assertThat(page.locator("h1")).hasText("Phạm Tiến Dũng");
        assertThat(page.locator("#record")).containsText("Phố Kim Mã");
        assertThat(page.locator("#access-log")).containsText("Xác minh nhân thân");
        screenshot(page, "registry-citizen");
        assertNoSeriousAxeViolations(page);
    }

    @Test
    void searchWorksWithoutJavaScript() {
        // axe needs JavaScript, so this context only checks that the forms work without it.
        try (BrowserContext noScript = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setJavaScriptEnabled(false)
                .setStorageState(signedIn("page.badinh")))) {
            Page p = noScript.newPage();
            p.navigate("/registry");
            p.fill("#purpose", "Kiểm tra không JavaScript");
            p.fill("#idNumber", DUNG);
            p.click("main button[type=submit]");
            assertThat(p.locator("h1")).hasText("Phạm Tiến Dũng");
        }
    }

    @Test
    void searchingWithoutAPurposeIsRefusedWithAMessageBesideTheField() {
        page.navigate("/registry?name=pham+tien+dung");
        assertThat(page.locator("#error-summary")).containsText("mục đích");
        assertThat(page.locator("#results")).hasCount(0);
    }

    @Test
    void officialCorrectsAnAddressAndAStaleFormIsRefused() {
        page.navigate("/registry/citizens/" + DUNG + "/correct?purpose=Sửa+địa+chỉ");
        page.fill("#permanentAddress", "7 Phố Kim Mã");
        page.fill("#reason", "Đổi số nhà theo quyết định của UBND phường");
        Page stale = context.newPage();
        stale.navigate("/registry/citizens/" + DUNG + "/correct?purpose=Sửa+địa+chỉ");
        page.click("main button[type=submit]");
        screenshot(page, "registry-corrected");
        assertThat(page.locator(".govuk-notification-banner")).isVisible();
        assertThat(page.locator("#record")).containsText("7 Phố Kim Mã");
        assertThat(page.locator("#history")).containsText("Đổi số nhà theo quyết định của UBND phường");

        stale.fill("#permanentAddress", "9 Phố Kim Mã");
        stale.fill("#reason", "Sửa lần hai");
        stale.click("main button[type=submit]");
        assertThat(stale.locator("#error-summary")).containsText("Hồ sơ đã được page.badinh sửa lúc");
        assertThat(stale.locator("#error-summary")).containsText("bạn đã sửa trên phiên bản 1");
        screenshot(stale, "registry-conflict");
        assertNoSeriousAxeViolations(stale);
    }

    @Test
    void importerUploadsAFileAndSeesEachRejectedRowWithItsLine() throws Exception {
        accounts.register("page.importer", "Cán bộ nhập liệu Ba Đình", Caller.Kind.OFFICIAL,
                AgencyId.parse("000.04.XA.H01"), Set.of(Roles.REGISTRY_OFFICIAL, Roles.REGISTRY_IMPORTER), PASSWORD,
                "test");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("import", ".csv");
        java.nio.file.Files.writeString(csv, String.join(",", CitizenDocument.CSV_HEADER) + "\n"
                + "001090712399,Đỗ Văn Tâm,1990-04-04,M,Kinh,,VN,,,00004,3 Phố Giang Văn Minh,,,HN-PAGE-9,head,,,single,,,,\n"
                + "001190712398,Đỗ Văn Sai,1990-04-04,M,Kinh,,VN,,,00004,3 Phố Giang Văn Minh,,,HN-PAGE-9,child,,,single,,,,\n");
        try (BrowserContext importer = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setStorageState(signedIn("page.importer")))) {
            Page p = importer.newPage();
            p.navigate("/registry/imports");
            assertNoSeriousAxeViolations(p);
            p.setInputFiles("#file", csv);
            p.click("form[enctype] button[type=submit]");
            assertThat(p.locator("#report")).containsText("1");
            // the reason and the field in the reader's language (Vietnamese by default), not the log's English
            assertThat(p.locator("#rejections")).containsText("Số định danh 001190712398 là của người nữ, nhưng bản "
                    + "ghi ghi giới tính nam.");
            assertThat(p.locator("#rejections")).containsText("Số định danh cá nhân");
            assertThat(p.locator("#rejections tbody tr").first()).containsText("3");
            screenshot(p, "registry-import");
            assertNoSeriousAxeViolations(p);
        }
        org.assertj.core.api.Assertions.assertThat(registry.load(PersonalIdNumber.parse("001090712399"))).isPresent();
    }

    @Test
    void officialRegistersAMissingCitizenAndADuplicateIsRefusedBesideTheNumber() {
        page.navigate("/registry");
        page.click("a[href='/registry/citizens/new']");
        assertThat(page.locator("h1")).hasText("Đăng ký công dân còn thiếu");
        assertNoSeriousAxeViolations(page);
        fillNewborn(page, "Đăng ký khai sinh");
        assertThat(page.locator(".govuk-notification-banner")).isVisible();
        assertThat(page.locator("h1")).hasText("Phạm Ngọc Ánh");
        assertThat(page.locator("#history")).containsText("Đăng ký khai sinh");
        screenshot(page, "registry-registered");

        page.navigate("/registry/citizens/new");
        fillNewborn(page, "Nhập lại");
        assertThat(page.locator("#error-summary")).containsText("001325712301 đã có trong cơ sở dữ liệu");
        assertThat(page.locator(".govuk-form-group--error #idNumber")).hasCount(1);
        assertThat(page.locator("#fullName")).hasValue("Phạm Ngọc Ánh");
        assertNoSeriousAxeViolations(page);
    }

    private static void fillNewborn(Page p, String reason) {
        p.fill("#idNumber", "001325712301");
        p.fill("#fullName", "Phạm Ngọc Ánh");
        p.fill("#birthDate", "2025-09-30");
        p.fill("#sex", "F");
        p.fill("#permanentCommune", "00004");
        p.fill("#permanentAddress", "5 Phố Kim Mã");
        p.fill("#householdNumber", "HN-PAGE-1");
        p.fill("#relationToHead", "child");
        p.fill("#fatherId", DUNG);
        p.fill("#reason", reason);
        p.click("main form button[type=submit]");
    }

    @Test
    void anotherAreasOfficialIsRefused() {
        accounts.register("page.hcm", "Cán bộ TP HCM", Caller.Kind.OFFICIAL, AgencyId.parse("000.00.03.H79"),
                Set.of(Roles.REGISTRY_OFFICIAL), PASSWORD, "test");
        try (BrowserContext other = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setStorageState(signedIn("page.hcm")))) {
            Page p = other.newPage();
            var response = p.navigate("/registry/citizens/" + DUNG + "?purpose=Xem");
            org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        }
    }
}
