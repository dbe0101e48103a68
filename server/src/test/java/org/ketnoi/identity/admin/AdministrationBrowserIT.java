package org.ketnoi.identity.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;
import static org.ketnoi.BrowserSupport.signIn;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.signin.SecondFactors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Administrators use the administration pages in Chromium, signed in through the provider with
 * their authenticator code: an agency administrator of Phường Ba Đình appoints an official (who
 * is invited by e-mail), disables them and registers an agency system whose secret is shown once;
 * a platform administrator, in English, registers a relying party and rotates the signing key.
 */
@KetnoiIntegrationTest
class AdministrationBrowserIT {

    private static final String PASSWORD = "admin-browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    GreenMail greenMail;

    private BrowserContext context;
    private Page page;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    @Test
    void anAgencyAdministratorAppointsAnOfficialDisablesThemAndRegistersASystem() throws Exception {
        String secret = administrator("br.qt.badinh", "Quản trị Phường Ba Đình", "000.04.XA.H01", Roles.AGENCY_ADMIN);
        page.navigate("/admin/officials");
        signIn(page, "br.qt.badinh", PASSWORD, secret);
        assertThat(page.locator("h1")).hasText("Cán bộ");
        assertThat(page.locator(".govuk-caption-l")).containsText("000.04.XA.H01");
        assertThat(page.locator("#officials")).containsText("br.qt.badinh");
        assertThat(page.locator("#agency")).hasCount(0);
        screenshot(page, "admin-officials");
        assertNoSeriousAxeViolations(page);

        page.click("#new-official");
        assertThat(page.locator("h1")).hasText("Tạo tài khoản cán bộ");
        assertThat(page.locator("input[name=roles][value=PLATFORM_ADMIN]")).hasCount(0);
        assertNoSeriousAxeViolations(page);
        String email = "lan.nguyen." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        page.fill("#username", "Lan Nguyen");
        page.fill("#displayName", "Nguyễn Thị Lan");
        page.fill("#email", email);
        page.check("input[name=roles][value=ONE_STOP_CLERK]");
        page.click("main form button[type=submit]");
        assertThat(page.locator("#error-summary")).containsText("Tên đăng nhập gồm 3–64 chữ thường");
        assertThat(page.locator(".govuk-form-group--error #username")).hasCount(1);
        assertThat(page.locator("#username-error")).isVisible();
        assertThat(page.locator("#displayName")).hasValue("Nguyễn Thị Lan");
        assertThat(page.locator("input[name=roles][value=ONE_STOP_CLERK]")).isChecked();
        screenshot(page, "admin-official-refused");
        assertNoSeriousAxeViolations(page);

        page.fill("#username", "br.lan.nguyen");
        page.check("input[name=roles][value=SPECIALIST]");
        page.click("main form button[type=submit]");
        assertThat(page.locator("h1")).hasText("Nguyễn Thị Lan");
        assertThat(page.locator(".govuk-notification-banner")).containsText("gửi thư mời đặt mật khẩu tới " + email);
        assertThat(page.locator("#official")).containsText("Bộ phận một cửa");
        assertThat(page.locator("#official")).containsText("Chuyên viên");
        assertThat(page.locator("#status")).hasText("Đang hoạt động");
        screenshot(page, "admin-official-created");
        assertNoSeriousAxeViolations(page);
        awaitMail(email);

        page.click("#disable");
        assertThat(page.locator(".govuk-notification-banner")).containsText("Đã vô hiệu hoá tài khoản");
        assertThat(page.locator("#status")).hasText("Đã vô hiệu hoá");
        assertThat(page.locator("#enable")).isVisible();
        assertNoSeriousAxeViolations(page);
        Account lan = accounts.byUsername("br.lan.nguyen").orElseThrow();
        org.assertj.core.api.Assertions.assertThat(lan.disabled()).isTrue();
        org.assertj.core.api.Assertions.assertThat(lan.roles())
                .containsExactlyInAnyOrder(Roles.ONE_STOP_CLERK, Roles.SPECIALIST);
        page.navigate("/admin/officials");
        assertThat(page.locator("#officials tr", new Page.LocatorOptions().setHasText("br.lan.nguyen")))
                .containsText("Đã vô hiệu hoá");

        page.navigate("/admin/clients");
        assertThat(page.locator("#new-relying-party")).hasCount(0);
        assertNoSeriousAxeViolations(page);
        page.click("#new-system");
        assertThat(page.locator("h1")).hasText("Đăng ký hệ thống của cơ quan");
        assertNoSeriousAxeViolations(page);
        page.fill("#clientId", "br.badinh.motcua");
        page.fill("#name", "Hệ thống một cửa điện tử Phường Ba Đình");
        page.check("input[name=roles][value=REGISTRY_VERIFIER]");
        page.click("main form button[type=submit]");
        assertThat(page.locator(".govuk-panel__title")).hasText("Đã đăng ký ứng dụng");
        assertThat(page.locator(".govuk-warning-text")).containsText("chỉ hiện một lần");
        String clientSecret = page.locator("#client-secret").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(clientSecret).hasSizeGreaterThan(20);
        screenshot(page, "admin-client-secret");
        assertNoSeriousAxeViolations(page);

        // the secret works at the token endpoint, for the scope of the role given
        APIResponse token = context.request().post("/oauth2/token", RequestOptions.create()
                .setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("br.badinh.motcua:" + clientSecret).getBytes(StandardCharsets.UTF_8)))
                .setForm(FormData.create().set("grant_type", "client_credentials").set("scope", "population.verify")));
        org.assertj.core.api.Assertions.assertThat(token.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(token.text()).contains("access_token");

        page.click("text=Tôi đã lưu, quay lại danh sách");
        assertThat(page.locator("#clients")).containsText("br.badinh.motcua");
        org.assertj.core.api.Assertions.assertThat(page.content()).as("the secret is shown once only")
                .doesNotContain(clientSecret);
        screenshot(page, "admin-clients");

        // what belongs to platform administrators answers 403
        org.assertj.core.api.Assertions.assertThat(page.navigate("/admin/clients/relying-parties/new").status())
                .isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(page.navigate("/admin/signing-keys").status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(page.navigate("/admin/officials?agency=000.00.03.H01").status())
                .isEqualTo(403);

        page.navigate("/account");
        assertThat(page.locator("#administration")).hasText("Quản trị");
        assertThat(page.locator("a[href='/admin/officials']")).isVisible();
        assertThat(page.locator("a[href='/admin/signing-keys']")).hasCount(0);
    }

    @Test
    void aPlatformAdministratorRegistersARelyingPartyAndRotatesTheSigningKeyInEnglish() {
        String secret = administrator("br.qt.nentang", "Platform Administrator", "000.00.00.G14", Roles.PLATFORM_ADMIN);
        page.navigate("/admin/signing-keys?lang=en");
        signIn(page, "br.qt.nentang", PASSWORD, secret);
        assertThat(page.locator("h1")).hasText("Signing keys");
        String before = page.locator("#active-key").textContent().strip();
        page.click("#rotate");
        assertThat(page.locator(".govuk-notification-banner")).containsText("The signing key was rotated");
        String after = page.locator("#active-key").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(after).isNotEqualTo(before);
        assertThat(page.locator("#published-keys")).containsText(before);
        screenshot(page, "admin-signing-keys");
        assertNoSeriousAxeViolations(page);

        page.navigate("/admin");
        assertThat(page.locator("h1")).hasText("Administration");
        assertThat(page.locator("main a[href='/admin/signing-keys']")).isVisible();
        assertNoSeriousAxeViolations(page);

        page.navigate("/admin/officials?agency=000.00.03.H79");
        assertThat(page.locator("h1")).hasText("Officials");
        assertThat(page.locator("#agency")).hasValue("000.00.03.H79");
        page.fill("#agency", "000.00.99.H79");
        page.click("form[method=get] button");
        assertThat(page.locator("#error-summary")).containsText("No agency has the identifier 000.00.99.H79");
        assertNoSeriousAxeViolations(page);

        page.navigate("/admin/clients/relying-parties/new");
        assertThat(page.locator("h1")).hasText("Register a sign-in application");
        assertNoSeriousAxeViolations(page);
        page.fill("#clientId", "br.tuphap.app");
        page.fill("#name", "Civil status online, Hanoi Department of Justice");
        page.fill("#redirectUris", "http://app.tuphap.example.vn/callback");
        page.click("main form button[type=submit]");
        assertThat(page.locator("#error-summary")).containsText("A redirect URI is an absolute https URI");
        assertThat(page.locator("#redirectUris-error")).isVisible();
        assertNoSeriousAxeViolations(page);
        page.fill("#redirectUris", "https://app.tuphap.example.vn/callback\nhttps://app.tuphap.example.vn/callback2");
        page.check("#personalId");
        page.click("main form button[type=submit]");
        assertThat(page.locator(".govuk-panel__title")).hasText("Application registered");
        assertThat(page.locator("#client-secret")).not().isEmpty();
        assertThat(page.locator("#credentials")).containsText("personal_id");
        screenshot(page, "admin-relying-party-secret");
        assertNoSeriousAxeViolations(page);

        page.navigate("/admin/clients");
        page.click("a[href='/admin/clients/br.tuphap.app/remove']");
        assertThat(page.locator("h1")).hasText("Remove this application?");
        assertNoSeriousAxeViolations(page);
        page.click("#remove");
        assertThat(page.locator(".govuk-notification-banner")).containsText("br.tuphap.app was removed");
        assertThat(page.locator("#clients")).not().containsText("br.tuphap.app");
        assertThat(page.locator("#clients tr", new Page.LocatorOptions().setHasText("ketnoi-portal")))
                .containsText("The platform's own");
        assertThat(page.locator("a[href='/admin/clients/ketnoi-portal/remove']")).hasCount(0);
    }

    @Test
    void thePagesWorkWithoutJavaScript() {
        String secret = administrator("br.qt.nojs", "Quản trị không JavaScript", "000.00.03.H01", Roles.AGENCY_ADMIN);
        try (BrowserContext noScript = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setJavaScriptEnabled(false))) {
            Page p = noScript.newPage();
            p.navigate("/admin/officials/new");
            signIn(p, "br.qt.nojs", PASSWORD, secret);
            p.fill("#username", "br.nojs.tuphap");
            p.fill("#displayName", "Hoàng Văn Nam");
            p.fill("#email", "nam." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn");
            p.check("input[name=roles][value=LEADER]");
            p.click("main form button[type=submit]");
            assertThat(p.locator("h1")).hasText("Hoàng Văn Nam");
            p.uncheck("input[name=roles][value=LEADER]");
            p.check("input[name=roles][value=SPECIALIST]");
            p.click("#save-roles");
            assertThat(p.locator(".govuk-notification-banner")).containsText("Đã thay đổi vai trò");
            org.assertj.core.api.Assertions.assertThat(accounts.byUsername("br.nojs.tuphap").orElseThrow().roles())
                    .containsExactly(Roles.SPECIALIST);
        }
    }

    @Test
    void disablingAnOfficialEndsTheirSessionAtOnce() {
        String adminSecret = administrator("br.qt.tuphap", "Quản trị Sở Tư pháp", "000.00.03.H01", Roles.AGENCY_ADMIN);
        String officialSecret = administrator("br.hotich.tuphap", "Vũ Thị Hằng", "000.00.03.H01", Roles.SPECIALIST);
        try (BrowserContext official = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port))) {
            Page hang = official.newPage();
            hang.navigate("/account");
            signIn(hang, "br.hotich.tuphap", PASSWORD, officialSecret);
            assertThat(hang.locator("h1")).hasText("Vũ Thị Hằng");
            assertThat(hang.locator("#administration")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(hang.navigate("/admin/officials").status()).isEqualTo(403);
            java.util.List<String> tokens = jdbc.sql("select a.access_token_metadata::jsonb -> 'metadata.token.claims' "
                    + "->> 'jti' from oauth2_authorization a join identity.account u on a.principal_name = u.id::text "
                    + "where u.username = ? and a.access_token_value is not null").param("br.hotich.tuphap")
                    .query(String.class).list();
            org.assertj.core.api.Assertions.assertThat(tokens).as("the portal holds her access token").isNotEmpty();

            page.navigate("/admin/officials");
            signIn(page, "br.qt.tuphap", PASSWORD, adminSecret);
            page.click("a:has-text('br.hotich.tuphap')");
            page.click("#disable");
            assertThat(page.locator("#status")).hasText("Đã vô hiệu hoá");

            hang.navigate("/account");
            assertThat(hang.locator("h1")).hasText("Đăng nhập");
            hang.fill("#username", "br.hotich.tuphap");
            hang.fill("#password", PASSWORD);
            hang.click("main form button[type=submit]");
            assertThat(hang.locator("#error-summary")).isVisible();
            org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from oauth2_authorization a "
                    + "join identity.account u on a.principal_name = u.id::text where u.username = ?")
                    .param("br.hotich.tuphap").query(Long.class).single()).as("the provider's grants ended").isZero();
            org.assertj.core.api.Assertions.assertThat(jdbc.sql("select jti from identity.revoked_access_token")
                    .query(String.class).list()).as("her access tokens revoked").containsAll(tokens);
        }
    }

    /** An administrator with a password and an authenticator; returns the authenticator's secret. */
    private String administrator(String username, String name, String agency, String role) {
        Account a = accounts.createOfficial(username, name, AgencyId.parse(agency), Set.of(role), null, PASSWORD,
                "test");
        String secret = SecondFactors.newSecret();
        jdbc.sql("update identity.account set totp_secret = ?, totp_enabled_at = now() where id = ?")
                .params(secret, a.id()).update();
        return secret;
    }

    private void awaitMail(String to) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> Arrays.stream(greenMail.getReceivedMessages()).anyMatch(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(r -> ((InternetAddress) r).getAddress().equals(to));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }));
    }
}
