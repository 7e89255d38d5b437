package io.qrlogin.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (pinned by {@code deploy/local/accessibility/package-lock.json}) on the demo login page with its
 * widget in each state a person meets, and on the phone-app simulator: no {@code serious} or
 * {@code critical} violation of the WCAG 2.x A/AA rules and axe's best practices.
 */
class AccessibilityBrowserIT {

    private static final Path AXE = Path.of(System.getProperty("qrlogin.axe.script",
            "target/accessibility/node_modules/axe-core/axe.min.js"));

    /** Runs axe on the whole document and answers its serious and critical violations, one line each. */
    private static final String RUN_AXE = """
            async () => {
              const results = await axe.run(document, { resultTypes: ['violations'] });
              return results.violations
                .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
                .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at `
                  + violation.nodes.map((node) => node.target.join(' ')).join(', '));
            }
            """;

    @RegisterExtension
    static final ChromiumPerClass CHROMIUM = new ChromiumPerClass();

    private static String axe;

    private final LoginClient client = SharedSystem.client();

    private BrowserContext context;

    private Page page;

    @BeforeAll
    static void startTheSystem() throws Exception {
        assertThat(AXE).as("axe-core, installed by the build's npm ci").isRegularFile();
        axe = Files.readString(AXE);
        SharedSystem.get();
    }

    @BeforeEach
    void openContext() {
        // The pages' CSP allows no inline script, and axe is one: the check sees the pages as they are otherwise.
        this.context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(390, 844));
        this.page = this.context.newPage();
    }

    @AfterEach
    void closeContext() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void loginPageInEveryStateOfTheWidgetHasNoSeriousViolations() throws Exception {
        this.page.navigate(this.client.baseUrl() + "/");
        WidgetPage widget = new WidgetPage(this.page);
        String qrId = widget.shownQrId();
        assertThat(violations(this.page)).as("the QR code shown").isEmpty();

        String erin = this.client.appToken("erin");
        this.client.scan(qrId, erin);
        assertThat(widget.status()).containsText("Scanned by Erin");
        assertThat(violations(this.page)).as("scanned").isEmpty();

        this.client.confirm(qrId, erin);
        assertThat(widget.continueAs("Erin")).isVisible(new LocatorAssertions.IsVisibleOptions()
            .setTimeout(Duration.ofSeconds(10).toMillis()));
        assertThat(violations(this.page)).as("continue as").isEmpty();
    }

    @Test
    void loginPageWithNumberMatchingHasNoSeriousViolations() throws Exception {
        this.page.navigate(this.client.baseUrl() + "/?client=" + SharedSystem.NUMBER_MATCHING_CLIENT);
        String qrId = new WidgetPage(this.page).shownQrId();
        this.client.scan(qrId, this.client.appToken("erin"));
        assertThat(this.page.locator(".qrlogin-match")).isVisible(new LocatorAssertions.IsVisibleOptions()
            .setTimeout(Duration.ofSeconds(10).toMillis()));
        assertThat(violations(this.page)).as("the match code shown").isEmpty();
    }

    @Test
    void phoneAppSimulatorHasNoSeriousViolations() {
        this.page.navigate(this.client.baseUrl() + "/");
        new WidgetPage(this.page).shownQrId();
        String qrUrl = this.page.locator("img[data-qr-url]").getAttribute("data-qr-url");
        Page phone = this.context.newPage();
        phone.navigate(this.client.baseUrl() + "/app");
        assertThat(phone.locator("#scan")).isVisible();
        assertThat(violations(phone)).as("the scan screen").isEmpty();

        phone.selectOption("#user", "carol");
        phone.fill("#link", qrUrl);
        phone.click("#scan");
        phone.waitForSelector("#confirm:not([hidden]), #result:not([hidden])");
        assertThat(phone.locator("#result").isHidden()).as("the scan's outcome: %s", phone.locator("#result").textContent())
            .isTrue();
        assertThat(phone.locator("#confirm-title")).containsText("Sign in to Web?");
        assertThat(violations(phone)).as("the confirm screen").isEmpty();
    }

    /** The check itself can fail: a page with an image without a text alternative is a critical violation. */
    @Test
    void pageWithAnImageWithoutTextAlternativeThenACriticalViolation() {
        this.page.setContent("<!doctype html><html lang=\"en\"><head><title>Broken</title></head>"
                + "<body><main><h1>Broken</h1><img src=\"data:,\"></main></body></html>");
        assertThat(violations(this.page)).singleElement().asString().startsWith("critical image-alt");
    }

    private static List<String> violations(Page page) {
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
        Object found = page.evaluate(RUN_AXE);
        assertThat(found).isInstanceOf(List.class);
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }
}
