package io.qrlogin.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, driven by Playwright (which downloads no browser of its own). A test
 * class without Chromium on the machine is skipped, saying how to install it.
 *
 * @param playwright the driver: closing it ends the browser too
 * @param browser the running Chromium
 */
record HeadlessChromium(Playwright playwright, Browser browser) implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("QRLOGIN_CHROMIUM", "/usr/bin/chromium"));

    /** Starts Chromium, or skips the calling test class when there is none. */
    static HeadlessChromium launch() {
        assumeTrue(Files.isExecutable(CHROMIUM), "No Chromium at " + CHROMIUM
                + ": install it (apt-get install -y chromium) or set QRLOGIN_CHROMIUM to run the browser test");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(CHROMIUM)
            .setHeadless(true)
            .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
        return new HeadlessChromium(playwright, browser);
    }

    @Override
    public void close() {
        this.playwright.close();
    }
}
