package org.ketnoi;

import static org.assertj.core.api.Assertions.fail;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One headless Debian Chromium for the whole test JVM (starting it costs seconds), a fresh context per
 * test, full-page screenshots under {@code target/screenshots/}, and the axe-core accessibility check.
 */
public final class BrowserSupport {

    /** Surefire runs with the server module as working directory. */
    public static final Path SCREENSHOTS = Paths.get("target/screenshots");

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

    private static Playwright playwright;
    private static Browser browser;

    private BrowserSupport() {
    }

    /** The shared browser, launched on first use and closed when the JVM exits. */
    public static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create();
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(BrowserSupport::close, "playwright-close"));
        }
        return browser;
    }

    /** A fresh context (own cookies, so the language choice of one test does not leak into another). */
    public static BrowserContext newContext() {
        return newContext(new Browser.NewContextOptions());
    }

    public static BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser().newContext(options.setViewportSize(1280, 900).setLocale("en-US"));
        context.setDefaultTimeout(15_000);
        return context;
    }

    private static final java.util.Map<String, String> SIGNED_IN = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Cookies of a browser that signed in through the real pages (password, then the TOTP code when a
     * secret is given), for {@link Browser.NewContextOptions#setStorageState}. Kept per account: the
     * session lives in the database, and a TOTP step can be used only once.
     */
    public static String signedIn(int port, String username, String password,
            java.util.function.Supplier<String> totpEnrolment) {
        return SIGNED_IN.computeIfAbsent(port + "/" + username, k -> {
            String totpSecret = totpEnrolment.get();
            try (BrowserContext c = newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port))) {
                Page p = c.newPage();
                p.navigate("/account");
                signIn(p, username, password, totpSecret);
                String state = c.storageState();
                try (BrowserContext check = newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port).setStorageState(state))) {
                    Page q = check.newPage();
                    q.navigate("/account");
                    if (!q.url().endsWith("/account")) {
                        fail("Signed-in cookies of " + username + " did not carry over: " + q.url() + " " + state);
                    }
                }
                return state;
            }
        });
    }

    /**
     * Signs in through the platform's OpenID Connect provider from the sign-in form a protected page
     * sent the browser to (after {@code page.navigate(...)}), with the authenticator's current code
     * when {@code totpSecret} is given, and waits until the browser is back on the page it asked for.
     * The provider refuses a code of a 30-second step already used for the account (a second
     * sign-in of the same account within one step); the code is then entered again in the next step.
     */
    public static void signIn(Page page, String username, String password, String totpSecret) {
        page.waitForURL(Pattern.compile(".*/signin(\\?.*)?$"));
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("main form button[type=submit]");
        if (totpSecret != null) {
            page.waitForURL(Pattern.compile(".*/signin/code$"));
            if (enterCode(page, totpSecret).status() == 401) {
                long step = org.ketnoi.identity.credentials.Totp.step(Instant.now());
                while (org.ketnoi.identity.credentials.Totp.step(Instant.now()) == step) {
                    page.waitForTimeout(250);
                }
                if (enterCode(page, totpSecret).status() == 401) {
                    fail("The provider refused the authenticator code of " + username + " twice");
                }
            }
        }
        Pattern signInPages = Pattern.compile(".*(/signin(/code|/enrol)?|/oauth2/.*|/login/oauth2/.*)(\\?.*)?$");
        page.waitForURL(url -> !signInPages.matcher(url).matches());
        page.waitForLoadState(LoadState.LOAD);
    }

    private static Response enterCode(Page page, String totpSecret) {
        page.fill("#code", org.ketnoi.identity.credentials.Totp.code(
                org.ketnoi.identity.credentials.Totp.fromBase32(totpSecret), Instant.now()));
        return page.waitForResponse(r -> r.url().endsWith("/signin/code") && "POST".equals(r.request().method()),
                () -> page.click("main form button[type=submit]"));
    }

    /** Writes a full-page PNG to {@code target/screenshots/<name>.png} and returns its path. */
    public static Path screenshot(Page page, String name) {
        // A click only waits for the navigation to commit; a long page may still be streaming in.
        page.waitForLoadState(LoadState.LOAD);
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** Writes a PNG of one element, for a closer look at a chart or a form. */
    public static Path screenshot(Locator element, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        element.screenshot(new Locator.ScreenshotOptions().setPath(file));
        return file;
    }

    /** Runs axe-core on the page and fails with a readable list of every serious or critical violation. */
    public static void assertNoSeriousAxeViolations(Page page) {
        page.waitForLoadState(LoadState.LOAD);
        AxeResults results = new AxeBuilder(page).analyze();
        if (results.isErrored()) {
            fail("axe-core could not analyse " + page.url() + ": " + results.getErrorMessage());
        }
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
                .toList();
        // Minor and moderate findings do not fail the build, but they should not go unseen either.
        results.getViolations().stream()
                .filter(rule -> !BLOCKING_IMPACTS.contains(rule.getImpact()))
                .forEach(rule -> System.out.println("axe (" + rule.getImpact() + ") on " + page.url() + ": "
                        + rule.getId() + " " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()));
        if (!serious.isEmpty()) {
            fail("Accessibility violations on " + page.url() + ":\n" + serious.stream()
                    .map(BrowserSupport::describe)
                    .collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n" + rule.getNodes().stream()
                .map(BrowserSupport::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        String summary = node.getFailureSummary() == null ? "" : " – " + node.getFailureSummary().replace('\n', ' ');
        return "    " + node.getTarget() + summary;
    }

    private static synchronized void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
        }
    }
}
