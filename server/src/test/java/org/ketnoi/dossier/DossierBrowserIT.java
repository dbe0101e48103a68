package org.ketnoi.dossier;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.TestTokens;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 5's "done when", in Chromium: a citizen of Phường Ba Đình finds birth registration, submits a
 * dossier with the form filled in from the registry and a PDF, receives the mail; the ward's one-stop
 * desk receives it, a specialist appraises, a leader approves; the citizen downloads the result and
 * rates the service. Every page passes axe.
 */
@KetnoiIntegrationTest
class DossierBrowserIT {

    @LocalServerPort int port;
    @Autowired PopulationRegistry registry;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient jdbc;
    @Autowired GreenMail mail;

    @Test
    void aCitizenRegistersABirthOnlineAndTheWardHandlesItToTheResult() throws Exception {
        DossierFixtures fixtures = new DossierFixtures(registry, accounts, passwords);
        Caller citizen = fixtures.citizen("01", "00004", "Hoàng Văn Nam");
        Caller clerk = fixtures.official("01", "00004", Roles.ONE_STOP_CLERK, "Vũ Thị Một Cửa");
        Caller specialist = fixtures.official("01", "00004", Roles.SPECIALIST, "Đặng Văn Tư Pháp");
        Caller leader = fixtures.official("01", "00004", Roles.LEADER, "Bùi Thị Chủ Tịch");
        Path pdf = Files.createTempFile("giay-chung-sinh", ".pdf");
        Files.write(pdf, DossierFixtures.pdf());

        String code;
        try (BrowserContext c = context(citizen.username(), null)) {
            Page p = c.newPage();
            p.navigate("/procedures?q=dang+ky+khai+sinh");
            p.click("a[href$='/procedures/1.001193']");
            assertThat(p.locator("h1")).containsText("Đăng ký khai sinh");
            p.click("#apply");
            // filled in from the population registry
            assertThat(p.locator("[name='form.applicant.fullName']")).hasValue("Hoàng Văn Nam");
            assertThat(p.locator("[name='form.applicant.idNumber']")).hasValue(citizen.username());
            assertThat(p.locator("[name='form.registrationCommune']")).hasValue("00004");
            assertNoSeriousAxeViolations(p);
            screenshot(p, "dossier-new");

            // submitted without the child's details: refused, the page says what is missing, nothing saved
            p.click("main button[value=submit]");
            assertThat(p.locator(".govuk-error-summary").first()).isVisible();
            assertNoSeriousAxeViolations(p);

            p.selectOption("[name='form.relationship']", "father");
            p.fill("[name='form.child.fullName']", "Hoàng Minh An");
            p.selectOption("[name='form.child.sex']", "male");
            p.fill("[name='form.child.birthDate']", "2026-11-10");
            p.fill("[name='form.child.placeOfBirth']", "Bệnh viện Phụ sản Hà Nội");
            p.fill("[name='form.child.ethnicity']", "Kinh");
            p.fill("[name='form.child.nationality']", "Việt Nam");
            p.fill("[name='form.child.hometown']", "Thái Bình");
            p.setInputFiles("#input-file-birth-notice", pdf);
            p.click("main button[value=submit]");
            p.waitForURL(url -> url.contains("/dossiers/") && url.contains("submitted"));
            code = p.locator(".govuk-panel__body strong").textContent().strip();
            assertThat(code).matches("000\\.04\\.XA\\.H01-\\d{6}-\\d{4}");
            assertThat(p.locator(".ketnoi-timeline")).containsText("1 · Mới đăng ký");
            assertNoSeriousAxeViolations(p);
            screenshot(p, "dossier-receipt");
        }
        String address = accounts.byUsername(citizen.username()).orElseThrow().email();
        String submittedCode = code;
        MimeMessage m = await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(mail.getReceivedMessages())
                .filter(x -> recipient(x).equals(address) && GreenMailUtil.getBody(x).replace("=\r\n", "")
                        .contains(submittedCode.substring(submittedCode.length() - 4)))
                .findFirst().orElse(null), x -> x != null);
        assertThat(m.getSubject()).isNotBlank();

        // the ward's one-stop desk receives it and assigns our specialist
        try (BrowserContext c = context(clerk.username(), TestTokens.enrolTotp(jdbc, clerk.username()))) {
            Page p = c.newPage();
            p.navigate("/desk");
            assertThat(p.locator("main")).containsText(code);
            assertThat(p.locator("tr", new Page.LocatorOptions().setHasText(code))).containsText("Tiếp nhận");
            assertNoSeriousAxeViolations(p);
            screenshot(p, "desk-queue");
            p.click("a:text('" + code + "')");
            assertNoSeriousAxeViolations(p);
            p.selectOption("#specialist", specialist.username());
            p.click("#accept");
            assertThat(p.locator(".govuk-notification-banner")).isVisible();
            assertThat(p.locator(".ketnoi-timeline")).containsText("2 · Được tiếp nhận");
        }
        try (BrowserContext c = context(specialist.username(), TestTokens.enrolTotp(jdbc, specialist.username()))) {
            Page p = c.newPage();
            p.navigate("/desk/dossiers/" + code);
            p.fill("#appraisal-note", "Hồ sơ hợp lệ, đề nghị đăng ký khai sinh");
            p.click("#appraise");
            assertThat(p.locator(".govuk-notification-banner")).isVisible();
        }
        try (BrowserContext c = context(leader.username(), TestTokens.enrolTotp(jdbc, leader.username()))) {
            Page p = c.newPage();
            p.navigate("/desk");
            Locator row = p.locator("tr", new Page.LocatorOptions().setHasText(code));
            assertThat(row).containsText("Chờ phê duyệt");
            // just accepted: on time or, late in the day before a one-day appointment, nearly due; never late,
            // and the tag's colour says the same as its text
            Locator tag = row.locator(".govuk-tag");
            String due = tag.textContent().strip();
            org.assertj.core.api.Assertions.assertThat(due).isIn("Trong hạn", "Sắp đến hạn");
            assertThat(tag).hasClass(java.util.regex.Pattern.compile(
                    due.equals("Trong hạn") ? "govuk-tag--green" : "govuk-tag--yellow"));
            assertThat(row).containsText(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")
                    .format(dossierDue(code)));
            p.click("a:text('" + code + "')");
            screenshot(p, "desk-approval");
            p.click("#approve");
            assertThat(p.locator(".ketnoi-timeline")).containsText("10 · Đã trả kết quả");
        }

        try (BrowserContext c = context(citizen.username(), null)) {
            Page p = c.newPage();
            p.navigate("/dossiers/" + code);
            assertThat(p.locator("main")).containsText("10 · Đã trả kết quả");
            Download download = p.waitForDownload(() -> p.click("#result-link"));
            try (var doc = Loader.loadPDF(Files.readAllBytes(download.path()))) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("GIẤY KHAI SINH").contains("Hoàng Minh An").contains(code);
            }
            p.check("#overall-4");
            p.fill("#rating-comment", "Nhanh, không phải đi lại");
            p.click("main form[action$='/rating'] button[type=submit]");
            assertThat(p.locator(".govuk-notification-banner")).isVisible();
            assertNoSeriousAxeViolations(p);
            screenshot(p, "dossier-result");
            p.navigate("/dossiers/" + code + "?lang=en");
            assertThat(p.locator("main")).containsText("Result returned");
            assertNoSeriousAxeViolations(p);
            screenshot(p, "dossier-result-en");
        }
        assertThat(jdbc.sql("select overall from dossier.rating r join dossier.dossier d on d.id = r.dossier_id "
                + "where d.code = ?").param(code).query(Integer.class).single()).isEqualTo(4);

        // the public lookup, without signing in, shows the steps and no personal data
        try (BrowserContext c = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port))) {
            Page p = c.newPage();
            p.navigate("/track");
            p.fill("#code", code);
            p.fill("#digits", citizen.username().substring(8));
            p.click("main button[type=submit]");
            assertThat(p.locator("main")).containsText("10 · Đã trả kết quả");
            // the status is shown in the timeline's colour for it
            assertThat(p.locator("main .govuk-summary-list .govuk-tag")).hasClass(
                    java.util.regex.Pattern.compile(".*govuk-tag--green.*"));
            assertThat(p.locator("main")).not().containsText("Hoàng Văn Nam");
            assertNoSeriousAxeViolations(p);
            screenshot(p, "dossier-track");
        }
    }

    private BrowserContext context(String username, String totp) {
        return BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
                .setStorageState(BrowserSupport.signedIn(port, username, DossierFixtures.PASSWORD, () -> totp)));
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The appointment in force, as the desk shows it: the day in Vietnam. */
    private java.time.LocalDate dossierDue(String code) {
        return jdbc.sql("select coalesce(apologised_until, due_at) from dossier.dossier where code = ?").param(code)
                .query(java.sql.Timestamp.class).single().toInstant().atZone(Dossiers.VIETNAM).toLocalDate();
    }
}
