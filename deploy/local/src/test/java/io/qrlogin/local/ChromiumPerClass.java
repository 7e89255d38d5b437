package io.qrlogin.local;

import com.microsoft.playwright.Browser;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Headless Chromium for one browser test class, registered on a static field: launched before the class's
 * own {@code @BeforeAll} methods and closed after its last test. Without Chromium on the machine the class
 * is skipped, saying how to install it ({@link HeadlessChromium}).
 */
final class ChromiumPerClass implements BeforeAllCallback, AfterAllCallback {

    private HeadlessChromium headless;

    @Override
    public void beforeAll(ExtensionContext context) {
        this.headless = HeadlessChromium.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (this.headless != null) {
            this.headless.close();
            this.headless = null;
        }
    }

    /** The browser, to open pages and contexts in. */
    Browser browser() {
        return this.headless.browser();
    }
}
