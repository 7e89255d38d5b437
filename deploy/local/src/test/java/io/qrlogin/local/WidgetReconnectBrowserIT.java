package io.qrlogin.local;

import java.time.Duration;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget in a real headless Chromium when its gateway restarts mid-login: the socket goes away
 * (1001, then refused connections while the gateway is down), the widget reconnects with backoff and
 * jitter, the snapshot tells it the user confirmed meanwhile, and it signs in.
 */
class WidgetReconnectBrowserIT {

    @RegisterExtension
    static final ChromiumPerClass CHROMIUM = new ChromiumPerClass();

    @BeforeAll
    static void startTheSystem() {
        FaultSystem.get();
    }

    @Test
    void gatewayRestartsWhileThePhoneConfirmsThenTheWidgetReconnectsAndSignsIn() throws Exception {
        String pageGateway = FaultSystem.get().gatewayNames().get(0);
        LoginClient phone = new LoginClient(FaultSystem.url(FaultSystem.get().gatewayNames().get(1)));
        Page page = CHROMIUM.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
        try {
            page.navigate(FaultSystem.url(pageGateway) + "/");
            page.waitForSelector("img[data-qr-url]", new Page.WaitForSelectorOptions().setTimeout(10_000));
            String url = page.locator("img[data-qr-url]").getAttribute("data-qr-url");
            String qrId = url.substring(url.lastIndexOf('/') + 1);
            String grace = phone.appToken("grace");
            assertThat(phone.scan(qrId, grace).status()).isEqualTo(200);
            assertThat(page.locator("[role=status]")).containsText("Scanned by Grace");

            FaultSystem.get().stop(pageGateway);
            try {
                assertThat(phone.confirm(qrId, grace).status()).isEqualTo(200);
            }
            finally {
                FaultSystem.get().start(pageGateway);
            }

            // The reconnected widget learns of the confirm, and still asks before it signs in.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue as Grace"))
                .click(new com.microsoft.playwright.Locator.ClickOptions().setTimeout(30_000));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hello, Grace")))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        }
        finally {
            page.context().close();
            FaultSystem.awaitAllReady(Duration.ofSeconds(120));
        }
    }
}
