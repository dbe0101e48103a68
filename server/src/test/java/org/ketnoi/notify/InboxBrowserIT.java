package org.ketnoi.notify;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.identity.Accounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A citizen reads the portal inbox in Chromium, marks messages read, and cannot touch another person's. */
@KetnoiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxBrowserIT {

    private static final String PASSWORD = "inbox-browser-password";
    private static final String NGOC = "001192034561";
    private static final String BINH = "001085034562";
    private static final String CODE = "000.04.XA.H01-260205-0007";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    Inbox inbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    String ngoc;
    String binh;

    @BeforeAll
    void citizensWithMessages() {
        ngoc = accounts.createCitizen(NGOC, "Nguyễn Thị Hồng Ngọc", "1992-08-14", "ngoc.inbox@example.vn", null,
                passwords.encode(PASSWORD)).id().toString();
        binh = accounts.createCitizen(BINH, "Trần Văn Bình", "1985-03-02", "binh.inbox@example.vn", null,
                passwords.encode(PASSWORD)).id().toString();
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            inbox.post(ngoc, "dossier-status", status("Mới đăng ký", ""), "/dossiers/" + CODE);
            inbox.post(ngoc, "dossier-status", status("Đã tiếp nhận",
                    "Ngày hẹn trả kết quả: 12/02/2026."), "/dossiers/" + CODE);
            inbox.post(ngoc, "dossier-status", status("Yêu cầu bổ sung",
                    "Đề nghị bổ sung bản sao giấy chứng sinh có chứng thực."), "/dossiers/" + CODE);
            inbox.post(binh, "dossier-status", status("Đang giải quyết", ""), null);
        });
    }

    @Test
    void aCitizenReadsTheInboxMarksMessagesReadInEitherLanguage() {
        try (BrowserContext context = signedIn(NGOC)) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(page.locator(".kn-inbox-link")).containsText("Hộp thư");
            assertThat(page.locator(".kn-inbox-link__count")).hasText("3");
            assertThat(page.locator(".kn-inbox-link .govuk-visually-hidden")).hasText(", 3 thông báo chưa đọc");

            page.click(".kn-inbox-link");
            page.waitForURL("**/inbox");
            assertThat(page.locator("h1")).hasText("Hộp thư");
            assertThat(page.locator("#inbox-count")).hasText("Quý vị có 3 thông báo chưa đọc.");
            assertThat(page.locator(".kn-inbox__message")).hasCount(3);
            assertThat(page.locator(".kn-inbox__message--unread")).hasCount(3);
            assertThat(page.locator(".kn-inbox__message").first().locator("h2"))
                    .containsText("Hồ sơ " + CODE + ": Yêu cầu bổ sung");
            assertThat(page.locator(".kn-inbox__message").first().locator(".kn-inbox__body"))
                    .hasText("Hồ sơ " + CODE + " (thủ tục Đăng ký khai sinh) đã chuyển sang trạng thái "
                            + "“Yêu cầu bổ sung”. Đề nghị bổ sung bản sao giấy chứng sinh có chứng thực.");
            assertThat(page.locator(".kn-inbox__message").first().locator("a"))
                    .hasAttribute("href", "/dossiers/" + CODE);
            assertThat(page.locator("main")).not().containsText("Trần Văn Bình");
            assertThat(page.locator("main")).not().containsText("Đang giải quyết");
            assertNoSeriousAxeViolations(page);
            screenshot(page, "inbox-vi");

            // mark the middle one read: a plain form post, then back to the list
            String middle = page.locator(".kn-inbox__message").nth(1).getAttribute("id");
            page.locator("#" + middle + " button[type=submit]").click();
            page.waitForURL(Pattern.compile(".*/inbox\\?read.*"));
            assertThat(page.locator(".govuk-notification-banner")).containsText("Đã đánh dấu thông báo là đã đọc.");
            assertThat(page.locator(".kn-inbox-link__count")).hasText("2");
            assertThat(page.locator("#" + middle)).not().hasClass(Pattern.compile(".*kn-inbox__message--unread.*"));
            assertThat(page.locator("#" + middle + " button")).hasCount(0);
            assertThat(page.locator(".kn-inbox__message--unread")).hasCount(2);

            page.navigate("/inbox?lang=en");
            assertThat(page.locator("h1")).hasText("Inbox");
            assertThat(page.locator("#inbox-count")).hasText("You have 2 unread messages.");
            assertThat(page.locator(".kn-inbox__message").first().locator("h2"))
                    .containsText("Dossier " + CODE + ": Yêu cầu bổ sung");
            assertNoSeriousAxeViolations(page);
            screenshot(page, "inbox-en");

            page.locator("main button[type=submit]", new Page.LocatorOptions().setHasText("Mark all as read")).click();
            page.waitForURL(Pattern.compile(".*/inbox\\?readAll.*"));
            assertThat(page.locator(".govuk-notification-banner")).containsText("All messages are marked as read.");
            assertThat(page.locator("#inbox-count")).hasText("You have read all your messages.");
            assertThat(page.locator(".kn-inbox__message--unread")).hasCount(0);
            assertThat(page.locator(".kn-inbox-link__count")).hasCount(0);
            assertThat(page.locator("main button")).hasCount(0);
            assertThat(page.locator(".kn-inbox-link")).hasText("Inbox");
        }
        org.assertj.core.api.Assertions.assertThat(inbox.unread(ngoc)).isZero();
        org.assertj.core.api.Assertions.assertThat(inbox.unread(binh)).isEqualTo(1);
    }

    @Test
    void markingAnotherPersonsMessageIsRefusedAndChangesNothing() {
        long binhsMessage = inbox.messages(binh, Email.VIETNAMESE, 10)
                .getFirst().id();
        try (BrowserContext context = signedIn(NGOC)) {
            Page page = context.newPage();
            page.navigate("/inbox");
            // a form's CSRF token, so the refusal is the inbox's and not the CSRF filter's
            String csrf = page.locator("form[action='/signout'] input[name=_csrf]").inputValue();
            APIResponse forged = page.request().post("/inbox/" + binhsMessage + "/read",
                    RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)).setMaxRedirects(0));
            org.assertj.core.api.Assertions.assertThat(forged.status()).isEqualTo(404);
            APIResponse nonsense = page.request().post("/inbox/not-a-number/read",
                    RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)).setMaxRedirects(0));
            org.assertj.core.api.Assertions.assertThat(nonsense.status()).isEqualTo(400);
            APIResponse withoutToken = page.request().post("/inbox/read-all",
                    RequestOptions.create().setMaxRedirects(0));
            org.assertj.core.api.Assertions.assertThat(withoutToken.status()).isEqualTo(403);
        }
        org.assertj.core.api.Assertions.assertThat(inbox.unread(binh)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(inbox.messages(binh, Email.VIETNAMESE, 10).getFirst().read())
                .isFalse();

        try (BrowserContext context = signedIn(BINH)) {
            Page page = context.newPage();
            page.navigate("/inbox");
            assertThat(page.locator(".kn-inbox__message")).hasCount(1);
            assertThat(page.locator("main")).not().containsText("Yêu cầu bổ sung");
            assertThat(page.locator(".kn-inbox-link__count")).hasText("1");
        }
    }

    @Test
    void strangersAreSentToSignInAndSeeNoInboxLink() {
        try (BrowserContext context = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setLocale("vi-VN"))) {
            Page page = context.newPage();
            page.navigate("/");
            assertThat(page.locator(".kn-inbox-link")).hasCount(0);
            page.navigate("/inbox");
            page.waitForURL(Pattern.compile(".*/signin(\\?.*)?$"));
            BrowserSupport.signIn(page, BINH, PASSWORD, null);
            // back where they wanted to go (Spring Security marks the replayed request "?continue")
            page.waitForURL(Pattern.compile(".*/inbox(\\?continue)?$"));
            assertThat(page.locator("h1")).hasText("Hộp thư");
        }
    }

    private BrowserContext signedIn(String username) {
        return BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
                .setLocale("vi-VN").setStorageState(BrowserSupport.signedIn(port, username, PASSWORD, () -> null)));
    }

    private static Map<String, Object> status(String statusName, String note) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("code", CODE);
        model.put("procedureName", "Đăng ký khai sinh");
        model.put("statusName", statusName);
        model.put("note", note);
        return model;
    }
}
