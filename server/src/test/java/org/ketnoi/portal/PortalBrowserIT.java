package org.ketnoi.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.ketnoi.BrowserSupport.assertNoSeriousAxeViolations;
import static org.ketnoi.BrowserSupport.screenshot;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketnoi.BrowserSupport;
import org.ketnoi.KetnoiIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public portal pages in a real Chromium: language, browsing, search without JavaScript, errors, accessibility. */
@KetnoiIntegrationTest
class PortalBrowserIT {

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL(base()));
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    @Test
    void homePageIsVietnameseByDefaultAndShowsTheUnitFigures() {
        // The browser asks for English (Accept-Language en-US); Vietnamese still comes first.
        page.navigate("/");

        assertThat(page.locator("html")).hasAttribute("lang", "vi");
        assertThat(heading()).hasText("Dịch vụ công trực tuyến");
        Locator figures = page.locator("#figures");
        assertThat(figures.locator(".kn-figure__number").nth(0)).hasText("34");
        assertThat(figures.locator(".kn-figure__number").nth(1)).hasText(Pattern.compile("^3[.,]321$"));
        assertThat(figures).containsText("xã, phường, đặc khu");
        screenshot(page, "home-vi");
        assertNoSeriousAxeViolations(page);
    }

    @Test
    void languageSwitchToEnglishIsKeptOnLaterPagesAndCanBeSwitchedBack() {
        page.navigate("/");
        header().getByRole(AriaRole.LINK, exactName("English")).click();

        assertThat(heading()).hasText("Online public services");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        screenshot(page, "home-en");

        mainNavigation().getByRole(AriaRole.LINK, exactName("Administrative units")).click();
        assertThat(page).hasURL(Pattern.compile("/units$"));
        assertThat(heading()).hasText("Administrative units");
        assertThat(page.locator("html")).hasAttribute("lang", "en");

        header().getByRole(AriaRole.LINK, exactName("Tiếng Việt")).click();
        assertThat(heading()).hasText("Đơn vị hành chính");
        assertThat(page.locator("html")).hasAttribute("lang", "vi");

        mainNavigation().getByRole(AriaRole.LINK, exactName("Trang chủ")).click();
        assertThat(heading()).hasText("Dịch vụ công trực tuyến");
    }

    @Test
    void unitBrowserFindsBaDinhWardUnderHanoiByClickingAndBySearchWithoutDiacritics() {
        page.navigate("/units");
        assertThat(page.locator("#provinces tbody tr")).hasCount(34);
        Locator chart = page.locator("svg.kn-chart");
        assertThat(chart.locator("rect.kn-bar")).hasCount(34);
        assertThat(chart).containsText("Hà Nội");
        screenshot(chart, "units-chart");
        assertNoSeriousAxeViolations(page);
        page.locator("#provinces").getByRole(AriaRole.LINK, exactName("Thành phố Hà Nội")).click();

        assertThat(page).hasURL(Pattern.compile("/units/01$"));
        assertThat(heading()).hasText("Thành phố Hà Nội");
        assertThat(page.locator("#communes").getByRole(AriaRole.CELL, exactName("Phường Ba Đình"))).hasCount(1);
        assertThat(page.locator("main").getByRole(AriaRole.LINK, exactName("Ủy ban nhân dân Thành phố Hà Nội")))
                .hasAttribute("href", "/agencies/000.00.00.H01");
        screenshot(page, "units-hanoi");
        assertNoSeriousAxeViolations(page);

        page.navigate("/units");
        page.getByLabel("Tìm xã, phường, đặc khu").fill("ba dinh");
        searchButton().click();

        assertThat(page).hasURL(Pattern.compile("/units\\?q=ba\\+dinh$"));
        Locator baDinhInHanoi = page.locator("#results tbody tr")
                .filter(new Locator.FilterOptions().setHas(cell("Phường Ba Đình")))
                .filter(new Locator.FilterOptions().setHas(cell("Thành phố Hà Nội")));
        assertThat(baDinhInHanoi).hasCount(1);
        screenshot(page, "units-search");
        assertNoSeriousAxeViolations(page);
    }

    @Test
    void agencySearchWithoutDiacriticsFindsTheHanoiJusticeDepartmentUnderItsPeoplesCommittee() {
        page.navigate("/agencies");
        page.getByLabel("Tìm cơ quan").fill("tu phap ha noi");
        searchButton().click();

        Locator justice = page.locator("#agencies").getByRole(AriaRole.LINK, exactName("Sở Tư pháp Thành phố Hà Nội"));
        assertThat(justice).hasCount(1);
        assertNoSeriousAxeViolations(page);
        justice.click();

        assertThat(heading()).hasText("Sở Tư pháp Thành phố Hà Nội");
        Locator breadcrumbs = page.locator(".govuk-breadcrumbs");
        assertThat(breadcrumbs.getByRole(AriaRole.LINK, exactName("Ủy ban nhân dân Thành phố Hà Nội"))).isVisible();
        screenshot(page, "agency");
        assertNoSeriousAxeViolations(page);

        page.navigate(page.url() + "?lang=en");
        assertThat(breadcrumbs.getByRole(AriaRole.LINK, exactName("People's Committee of Hanoi City"))).isVisible();
    }

    @Test
    void searchFormsWorkWithoutJavaScript() {
        try (BrowserContext noScript = BrowserSupport.newContext(new Browser.NewContextOptions()
                .setBaseURL(base()).setJavaScriptEnabled(false))) {
            Page plain = noScript.newPage();

            plain.navigate("/units");
            plain.locator("#q").fill("ba dinh");
            plain.locator("form[role=search] button[type=submit]").click();
            assertThat(plain).hasURL(Pattern.compile("/units\\?q=ba\\+dinh$"));
            assertThat(plain.locator("#results")).containsText("Phường Ba Đình");

            plain.navigate("/units/01");
            plain.locator("#q").fill("ba dinh");
            plain.locator("form[role=search] button[type=submit]").click();
            assertThat(plain).hasURL(Pattern.compile("/units/01\\?q=ba\\+dinh$"));
            Locator rows = plain.locator("#communes tbody tr");
            assertThat(rows.filter(new Locator.FilterOptions().setHasText("Phường Ba Đình"))).hasCount(1);
            assertThat(rows.filter(new Locator.FilterOptions().setHasText("Phường Hoàn Kiếm"))).hasCount(0);
        }
    }

    @Test
    void errorPagesAreFriendlyInBothLanguages() {
        Response missing = page.navigate("/no-such-page");
        Assertions.assertThat(missing.status()).isEqualTo(404);
        assertThat(page.locator("html")).hasAttribute("lang", "vi");
        assertThat(heading()).hasText("Không tìm thấy trang");
        assertThat(page.locator("#error-reason")).hasCount(0);
        assertThat(page.locator("main").getByRole(AriaRole.LINK, exactName("Về trang chủ"))).isVisible();
        screenshot(page, "error-404-vi");
        assertNoSeriousAxeViolations(page);

        page.navigate("/no-such-page?lang=en");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(heading()).hasText("Page not found");
        screenshot(page, "error-404-en");
        assertNoSeriousAxeViolations(page);

        Response invalid = page.navigate("/units/abc?lang=vi");
        Assertions.assertThat(invalid.status()).isEqualTo(400);
        assertThat(heading()).hasText("Yêu cầu không hợp lệ");
        assertThat(page.locator("#error-reason")).containsText("Mã tỉnh gồm đúng 2 chữ số");
        screenshot(page, "error-400-vi");
        assertNoSeriousAxeViolations(page);

        Response unknownAgency = page.navigate("/agencies/000.00.00.H99?lang=en");
        Assertions.assertThat(unknownAgency.status()).isEqualTo(404);
        assertThat(heading()).hasText("Page not found");
        assertThat(page.locator("#error-reason")).containsText("No agency has the identifier 000.00.00.H99.");
    }

    @Test
    void pagesFitAPhoneScreenWithoutScrollingSideways() {
        try (BrowserContext phone = BrowserSupport.newContext(new Browser.NewContextOptions().setBaseURL(base()))) {
            Page small = phone.newPage();
            small.setViewportSize(375, 740);
            for (String path : new String[] {"/", "/units", "/units/01", "/agencies", "/agencies/000.00.03.H01",
                    "/no-such-page?lang=en"}) {
                small.navigate(path);
                small.waitForLoadState(LoadState.LOAD);
                Object overflow = small.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                Assertions.assertThat(((Number) overflow).intValue())
                        .as("pixels that %s overflows sideways at 375px", path).isLessThanOrEqualTo(0);
                if (path.equals("/")) {
                    screenshot(small, "home-phone");
                }
            }
            screenshot(small, "error-404-phone");
        }
    }

    @Test
    void aboutAndSignInPagesAreAccessible() {
        page.navigate("/about");
        assertThat(heading()).hasText("Giới thiệu và giấy phép");
        assertNoSeriousAxeViolations(page);

        page.navigate("/sign-in");
        assertThat(heading()).hasText("Đăng nhập");
        assertNoSeriousAxeViolations(page);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private Locator heading() {
        return page.locator("main h1");
    }

    private Locator header() {
        return page.locator("header");
    }

    private Locator mainNavigation() {
        return page.locator("nav.kn-nav");
    }

    private Locator searchButton() {
        return page.locator("form[role=search] button[type=submit]");
    }

    private Locator cell(String text) {
        return page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(text).setExact(true));
    }

    private static Locator.GetByRoleOptions exactName(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }
}
