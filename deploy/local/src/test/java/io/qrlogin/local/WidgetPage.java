package io.qrlogin.local;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget as a person sees it on any page that mounts it (the demo login page, a page on another
 * origin): the QR code, its status line, the "Continue as …" button. The browser ITs share it.
 */
record WidgetPage(Page page) {

    /** Waits for a QR code and answers its ticket's id. */
    String shownQrId() {
        this.page.waitForSelector("img[data-qr-url]", new Page.WaitForSelectorOptions().setTimeout(10_000));
        String qrId = currentQrId();
        assertThat(qrId).hasSize(32);
        assertThat(this.page.locator("img[data-qr-url]").getAttribute("alt")).contains("QR code");
        return qrId;
    }

    /** The ticket id of the QR code shown now, or {@code null} while none is. */
    @Nullable String currentQrId() {
        String url = this.page.locator("img[data-qr-url]").getAttribute("data-qr-url");
        return (url != null) ? url.substring(url.lastIndexOf('/') + 1) : null;
    }

    /** The button that signs the browser in as {@code name} once the phone confirmed. */
    Locator continueAs(String name) {
        return this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue as " + name));
    }

    /** The widget's status line, announced to screen readers. */
    Locator status() {
        return this.page.locator("[role=status]");
    }
}
