package io.qrlogin.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh page for each test of a browser test class, registered on an instance field: opened in its own
 * context (no cookies or storage carried over from another test) before the class's own {@code @BeforeEach}
 * methods, and closed with its context after the test. It keeps the page's console errors (script, CSP,
 * CORS, integrity and network errors all land there), so a test can assert there were none, and takes
 * numbered full-page screenshots into {@code target/screenshots}, named after the test.
 */
final class PagePerTest implements BeforeEachCallback, AfterEachCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromiumPerClass chromium;

    private final Browser.NewPageOptions options;

    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    private Page page;

    private String testName;

    private int step;

    PagePerTest(ChromiumPerClass chromium, Browser.NewPageOptions options) {
        this.chromium = chromium;
        this.options = options;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        this.testName = context.getRequiredTestMethod().getName();
        // Per test, even where one instance serves a whole class.
        this.consoleErrors.clear();
        this.step = 0;
        this.page = this.chromium.browser().newPage(this.options);
        this.page.onConsoleMessage((message) -> {
            if ("error".equals(message.type())) {
                this.consoleErrors.add(message.text() + " at " + message.location());
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (this.page != null) {
            this.page.context().close();
            this.page = null;
        }
    }

    Page page() {
        return this.page;
    }

    /** What the page wrote to the console as errors so far, each with where it came from. */
    List<String> consoleErrors() {
        return this.consoleErrors;
    }

    /** Asserts the page has written no error to its console: no script, CSP or network error. */
    void assertNoConsoleErrors() {
        assertThat(this.consoleErrors).as("no script, CSP or network errors on the page").isEmpty();
    }

    /** A full-page screenshot of the test's page, numbered in the order the test takes them. */
    void screenshot(String name) {
        screenshot(this.page, name);
    }

    /** The same of another page the test opened (the phone's, say), numbered along with the test's page. */
    void screenshot(Page other, String name) {
        this.step++;
        other.screenshot(new Page.ScreenshotOptions().setFullPage(true)
            .setPath(SCREENSHOTS.resolve(this.testName + "-" + this.step + "-" + name + ".png")));
    }
}
