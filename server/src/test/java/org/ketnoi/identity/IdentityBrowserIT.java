package org.ketnoi.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.identity.credentials.Totp;
import org.ketnoi.population.CitizenDocument;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A citizen of the registry, in a real browser: registers, confirms the e-mail address with the code
 * read from the real SMTP server, turns on the authenticator second factor, signs out, signs in
 * with password and code, and lands on the portal signed in; then ends another of their sessions.
 */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityBrowserIT {

    private static final String NGA = "001193012340";
    private static final String PASSWORD = "hoa sữa thơm trong gió";

    @LocalServerPort
    int port;
    @Autowired
    PopulationRegistry registry;
    @Autowired
    GreenMail smtp;

    @BeforeAll
    void citizenInTheRegistry() {
        Caller clerk = new Caller("test:registry", "Test", Caller.Kind.OFFICIAL, "000.04.XA.H01", "01", "00004",
                Set.of(Roles.REGISTRY_OFFICIAL));
        registry.register(new CitizenDocument(NGA, "Vũ Thị Nga", "1993-03-08", "F", "Kinh", null, "VN", null,
                "Hà Nội", "00004", "12 Phố Đội Cấn", null, null, "HN-NGA-1", "head", "2021-05-01",
                "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "single", null, null, null, null).toRecord(),
                clerk, "Thử nghiệm", null);
    }

    @Test
    void citizenRegistersTurnsOnTotpAndSignsInWithIt() {
        try (BrowserContext context = context()) {
            Page page = context.newPage();
            page.navigate("/");
            page.click("header a.kn-signin");
            page.waitForURL("**/signin");
            assertNoSeriousAxeViolations(page);
            screenshot(page, "identity-signin");
            page.click("a[href='/register']");

            assertThat(page.locator("h1")).hasText("Đăng ký tài khoản công dân");
            page.fill("#idNumber", NGA);
            page.fill("#fullName", "Vũ Thị Nga");
            page.fill("#birthDate", "1993-03-09");
            page.fill("#email", "nga@example.vn");
            page.fill("#password", "password");
            page.click("main button[type=submit]");
            assertThat(page.locator("#error-summary")).isVisible();
            assertThat(page.locator("#password-error")).containsText("quá phổ biến");
            assertNoSeriousAxeViolations(page);
            screenshot(page, "identity-register-refused");

            page.fill("#password", PASSWORD);
            page.click("main button[type=submit]");
            assertThat(page.locator("#idNumber-error")).containsText("không khớp");
            page.fill("#birthDate", "1993-03-08");
            page.fill("#password", PASSWORD);
            page.click("main button[type=submit]");
            page.waitForURL("**/register/confirm");
            assertThat(page.locator("main")).containsText("nga@example.vn");
            assertNoSeriousAxeViolations(page);
            page.fill("#code", codeIn(awaitMail("nga@example.vn")));
            page.click("main button[type=submit]");
            page.waitForURL("**/signin?registered");
            assertThat(page.locator(".govuk-notification-banner")).isVisible();

            page.fill("#username", NGA);
            page.fill("#password", PASSWORD);
            page.click("main button[type=submit]");
            page.waitForURL("**/account");
            assertThat(page.locator("header")).containsText("Vũ Thị Nga");
            assertThat(page.locator("main")).containsText(NGA);

            page.click("a[href='/account/totp']");
            assertThat(page.locator(".kn-qr svg")).isVisible();
            assertNoSeriousAxeViolations(page);
            screenshot(page, "identity-totp-setup");
            String secret = page.locator(".kn-secret").textContent().replace(" ", "");
            page.fill("#code", Totp.code(Totp.fromBase32(secret), Instant.now()));
            page.click("main button[type=submit]");
            assertThat(page.locator(".kn-codes li")).hasCount(10);
            screenshot(page, "identity-recovery-codes");
            page.click("main a.govuk-button");
            assertThat(page.locator("main")).containsText("Đang bật");

            page.click("header .kn-signout__button");
            page.waitForURL("**/?signedOut");
            assertThat(page.locator("header a.kn-signin")).isVisible();

            page.navigate("/account");
            page.waitForURL("**/signin");
            page.fill("#username", NGA);
            page.fill("#password", PASSWORD);
            page.click("main button[type=submit]");
            page.waitForURL("**/signin/code");
            assertNoSeriousAxeViolations(page);
            screenshot(page, "identity-signin-code");
            // The code used to turn TOTP on cannot be used again: wait for the authenticator's next one.
            page.waitForTimeout(msToNextStep(Instant.now()));
            page.fill("#code", Totp.code(Totp.fromBase32(secret), Instant.now()));
            page.click("main button[type=submit]");
            page.waitForURL(url -> url.contains("/account"));
            assertThat(page.locator("header")).containsText("Vũ Thị Nga");
            assertThat(page.locator("#sessions + table")).containsText("Phiên này");
            assertNoSeriousAxeViolations(page);
            screenshot(page, "identity-account");

            page.navigate("/account?lang=en");
            assertThat(page.locator("#sessions")).hasText("Active sessions");
        }
    }

    @Test
    void aCitizenEndsAnotherOfTheirSessions() {
        try (BrowserContext laptop = context(); BrowserContext phone = context()) {
            String username = "001193012341";
            registerDirectly(username);
            Page a = laptop.newPage();
            a.navigate("/account");
            BrowserSupport.signIn(a, username, PASSWORD, null);
            Page b = phone.newPage();
            b.navigate("/account");
            BrowserSupport.signIn(b, username, PASSWORD, null);
            a.reload();
            assertThat(a.locator("#sessions + table tbody tr")).hasCount(2);
            a.locator("#sessions + table tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasNotText("Phiên này")).locator("button").click();
            assertThat(a.locator(".govuk-notification-banner")).isVisible();
            assertThat(a.locator("#sessions + table tbody tr")).hasCount(1);
            b.navigate("/account");
            b.waitForURL("**/signin");
        }
    }

    @Autowired
    Accounts accountStore;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    private void registerDirectly(String idNumber) {
        accountStore.createCitizen(idNumber, "Vũ Văn Hải", "1993-01-01", "hai@example.vn", null,
                passwords.encode(PASSWORD));
    }

    private BrowserContext context() {
        return BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
                .setLocale("vi-VN"));
    }

    private static long msToNextStep(Instant now) {
        long period = Totp.PERIOD_SECONDS * 1000L;
        return period - now.toEpochMilli() % period + 300;
    }

    private MimeMessage awaitMail(String to) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> Arrays.stream(
                smtp.getReceivedMessages()).anyMatch(m -> GreenMailUtil.getHeaders(m).contains(to)));
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> GreenMailUtil.getHeaders(m).contains(to))
                .reduce((first, second) -> second).orElseThrow();
    }

    private static String codeIn(MimeMessage m) {
        Matcher matcher = Pattern.compile("\\b(\\d{6})\\b").matcher(GreenMailUtil.getBody(m));
        org.assertj.core.api.Assertions.assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
