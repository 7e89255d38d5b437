package io.qrlogin.local;

import java.time.Duration;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget as the custom element {@code <qr-login>} (the demo page {@code /demo/element.html},
 * under the gateway's strict CSP) in a real headless Chromium, and the pages in Simplified Chinese.
 * The phone app is played over HTTP. Screenshots land in {@code target/screenshots}.
 */
class QrLoginElementBrowserIT {

    @RegisterExtension
    static final ChromiumPerClass CHROMIUM = new ChromiumPerClass();

    /** An English browser: the Chinese below comes from lang, not from the browser's preferences. */
    @RegisterExtension
    final PagePerTest browser = new PagePerTest(CHROMIUM, new Browser.NewPageOptions().setViewportSize(390, 844).setLocale("en-US"));

    private final LoginClient client = SharedSystem.client();

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    @Test
    void elementWhenThePhoneScansAndConfirmsThenItDispatchesTheLoginEventWithTheSession() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/demo/element.html");
        String qrId = shownQrId();
        assertThat(widgetStatus()).hasText("Scan this code with your phone app to sign in.");
        String alice = this.client.appToken("alice");

        assertThat(this.client.scan(qrId, alice).status()).isEqualTo(200);
        assertThat(widgetStatus()).containsText("Scanned by Alice — confirm on your phone");
        assertThat(this.client.confirm(qrId, alice).status()).isEqualTo(200);
        Locator continueAs = this.browser.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue as Alice"));
        assertThat(continueAs).isVisible(visibleWithin(Duration.ofSeconds(10)));
        // Themed by the page's stylesheet file through the custom properties, under a CSP without inline styles.
        assertThat(continueAs.evaluate("button => getComputedStyle(button).backgroundColor")).isEqualTo("rgb(109, 40, 217)");
        assertThat(this.browser.page().locator("#result")).isHidden();
        this.browser.screenshot("continue-as");

        continueAs.click();

        assertThat(this.browser.page().locator("#result")).hasText(java.util.regex.Pattern.compile(
                "qrlogin:login — Alice \\(alice\\), Bearer token, session \\S+"),
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(widgetStatus()).hasText("Signed in as Alice.");
        assertThat(this.browser.page().locator("#errors li")).hasCount(0);
        this.browser.screenshot("signed-in");
        this.browser.assertNoConsoleErrors();
    }

    @Test
    void elementWithLangZhCnThenItSpeaksSimplifiedChineseUpToContinue() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/demo/element.html?lang=zh-CN");
        String qrId = shownQrId();
        assertThat(widgetStatus()).hasText("请用手机应用扫描此二维码登录。");
        assertThat(this.browser.page().locator("qr-login .qrlogin")).hasAttribute("lang", "zh-CN");
        assertThat(this.browser.page().locator("img[data-qr-url]").getAttribute("alt")).startsWith("登录二维码。");
        assertThat(this.browser.page().locator("qr-login .qrlogin-countdown")).containsText("后过期");
        String bob = this.client.appToken("bob");

        this.client.scan(qrId, bob);
        assertThat(widgetStatus()).hasText("Bob 已扫码，请在手机上确认。");
        this.client.confirm(qrId, bob);
        assertThat(this.browser.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("以 Bob 的身份继续")))
            .isVisible(visibleWithin(Duration.ofSeconds(10)));
        assertThat(this.browser.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("不是你？"))).isVisible();
        this.browser.screenshot("zh-continue-as");
        this.browser.assertNoConsoleErrors();
    }

    @Test
    void demoLoginPageWithLangZhCnThenThePageAndTheWidgetAreInSimplifiedChinese() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/?lang=zh-CN");
        shownQrId();

        assertThat(this.browser.page().locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(this.browser.page()).hasTitle("登录 — QR Login 演示");
        assertThat(this.browser.page().getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("用手机登录"))).isVisible();
        assertThat(this.browser.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("应用模拟器"))).isVisible();
        assertThat(this.browser.page().locator("[role=status]")).hasText("请用手机应用扫描此二维码登录。");
        this.browser.screenshot("zh-demo-login");
        this.browser.assertNoConsoleErrors();
    }

    @Test
    void phoneAppSimulatorWithLangZhCnThenItsScreensAreInSimplifiedChinese() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/");
        String qrId = shownQrId();
        Page phone = CHROMIUM.browser().newPage();
        try {
            phone.navigate(this.client.baseUrl() + "/app?lang=zh-CN");
            assertThat(phone.locator("html")).hasAttribute("lang", "zh-CN");
            assertThat(phone).hasTitle("手机应用模拟器 — QR Login 演示");
            assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("已登录的浏览器"))).isVisible();
            phone.fill("#link", this.client.baseUrl() + "/q/" + qrId);
            phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("扫码").setExact(true)).click();
            assertThat(phone.locator("#confirm-title")).hasText("登录 Web？");
            assertThat(phone.locator("#network")).hasText("这个请求来自你的网络。");
            assertThat(phone.locator("#cancel")).hasText("拒绝");
            assertThat(phone.locator("#approve")).hasText("确认");
            phone.locator("#approve").click();
            assertThat(phone.locator("#result")).hasText("已确认。浏览器正在登录。");
        }
        finally {
            phone.context().close();
        }
    }

    @Test
    void landingPageForAChinesePhoneThenInSimplifiedChinese() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/");
        String qrId = shownQrId();
        Page phone = CHROMIUM.browser().newPage(new Browser.NewPageOptions().setLocale("zh-CN"));
        try {
            phone.navigate(this.client.baseUrl() + "/q/" + qrId);
            assertThat(phone.locator("html")).hasAttribute("lang", "zh-CN");
            assertThat(phone.getByRole(AriaRole.HEADING)).containsText("应用登录");
            assertThat(phone.getByRole(AriaRole.LINK)).containsText("应用中打开");
        }
        finally {
            phone.context().close();
        }
    }

    private String shownQrId() {
        Locator image = this.browser.page().locator("img[data-qr-url]");
        this.browser.page().waitForSelector("img[data-qr-url]", new Page.WaitForSelectorOptions().setTimeout(10_000));
        String url = image.getAttribute("data-qr-url");
        String qrId = url.substring(url.lastIndexOf('/') + 1);
        assertThat(qrId).hasSize(32);
        return qrId;
    }

    private Locator widgetStatus() {
        return this.browser.page().locator(".qrlogin [role=status]");
    }

    private static LocatorAssertions.IsVisibleOptions visibleWithin(Duration timeout) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(timeout.toMillis());
    }
}
