package io.qrlogin.local;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.qrlogin.local.LoginClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo login page in a real headless Chromium against the whole system; the phone app is
 * played over HTTP. Screenshots of every step land in {@code target/screenshots}.
 */
class LoginPageBrowserIT {

    @RegisterExtension
    static final ChromiumPerClass CHROMIUM = new ChromiumPerClass();

    @RegisterExtension
    final PagePerTest browser = new PagePerTest(CHROMIUM, new Browser.NewPageOptions().setViewportSize(390, 844));

    private final LoginClient client = SharedSystem.client();

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    @BeforeEach
    void openTheLoginPage() {
        this.browser.page().navigate(this.client.baseUrl() + "/");
    }

    @Test
    void loginWhenThePhoneScansAndConfirmsThenHomePageGreetsTheUser() throws Exception {
        String qrId = shownQrId();
        this.browser.screenshot("qr-shown");
        assertThat(status().evaluate("element => getComputedStyle(element).fontWeight"))
            .as("the widget's own styles apply under the page's strict CSP").isEqualTo("600");
        String alice = this.client.appToken("alice");

        assertThat(this.client.scan(qrId, alice).status()).isEqualTo(200);
        assertThat(status()).containsText("Scanned by Alice — confirm on your phone");
        this.browser.screenshot("scanned");

        assertThat(this.client.confirm(qrId, alice).status()).isEqualTo(200);
        // Confirmed on the phone, but the browser signs in only once its user says it is them.
        assertThat(continueAs("Alice")).isVisible(visibleWithin(Duration.ofSeconds(10)));
        assertThat(status()).containsText("Confirmed on a phone as Alice");
        assertThat(this.browser.page().getByText("Not you?")).isVisible();
        assertThat(hello("Alice")).isHidden();
        this.browser.screenshot("continue-as");
        continueAs("Alice").click();
        assertThat(hello("Alice")).isVisible(visibleWithin(Duration.ofSeconds(10)));
        this.browser.screenshot("home");

        this.browser.page().getByText("Sign out").click();
        assertThat(this.browser.page().locator("img[data-qr-url]")).isVisible(visibleWithin(Duration.ofSeconds(10)));
        this.browser.screenshot("signed-out");
        this.browser.assertNoConsoleErrors();
    }

    @Test
    void phoneAppSimulatorTakesALinkWhoseIdEndsInADash() {
        // One id in 64 ends in '-' (base64url): the simulator must still read it as a link and ask the service.
        Page phone = CHROMIUM.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
        phone.navigate(this.client.baseUrl() + "/app");
        phone.selectOption("#user", "carol");
        phone.fill("#link", this.client.baseUrl() + "/q/" + "A".repeat(31) + "-");
        phone.click("#scan");
        assertThat(phone.locator("#result")).hasText("There is no such QR code; ask the browser for a new one.");
        phone.context().close();
    }

    @Test
    void loginWithThePhoneAppSimulatorPageThenHomePageGreetsTheUser() {
        shownQrId();
        Page phone = CHROMIUM.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
        phone.navigate(this.client.baseUrl() + "/app");
        phone.selectOption("#user", "carol");
        phone.fill("#link", this.browser.page().locator("img[data-qr-url]").getAttribute("data-qr-url"));
        phone.click("#scan");
        assertThat(phone.locator("#confirm-title")).containsText("Sign in to Web?");
        // Chromium reaches localhost over IPv4 or IPv6 loopback.
        assertThat(phone.locator("#ip")).hasText(java.util.regex.Pattern.compile("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1"));
        assertThat(phone.locator("#network")).containsText("comes from your network");
        // The page's origin, the parsed browser, and what the browser reported, as text.
        assertThat(phone.locator("#origin")).hasText(this.client.baseUrl());
        assertThat(phone.locator("#browser")).containsText("Chrome");
        assertThat(phone.locator("#user-agent")).containsText("Mozilla/5.0");
        assertThat(phone.locator("#risk")).isHidden();
        assertThat(phone.locator("#cancel")).hasText("Decline");
        assertThat(status()).containsText("Scanned by Carol");
        this.browser.screenshot(phone, "phone-confirm-screen");

        phone.click("#approve");
        assertThat(phone.locator("#result")).containsText("Confirmed");
        continueAs("Carol").click(new Locator.ClickOptions().setTimeout(10_000));
        assertThat(hello("Carol")).isVisible(visibleWithin(Duration.ofSeconds(10)));
        this.browser.screenshot("home");
        phone.context().close();
    }

    @Test
    void cancelOnThePhoneThenPageSaysSoAndShowsANewCode() throws Exception {
        String qrId = shownQrId();
        String bob = this.client.appToken("bob");
        this.client.scan(qrId, bob);
        assertThat(status()).containsText("Scanned by Bob");
        this.client.cancel(qrId, bob);

        this.browser.page().waitForCondition(() -> !qrId.equals(currentQrId()),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(status()).containsText("Scan this code");
        this.browser.screenshot("new-code-after-cancel");
    }

    @Test
    void loginWithNumberMatchingWhenThePhoneSendsTheCodeTheBrowserShowsThenSignedIn() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/?client=" + SharedSystem.NUMBER_MATCHING_CLIENT);
        String qrId = shownQrId();
        String alice = this.client.appToken("alice");

        Response scanned = this.client.scan(qrId, alice);
        assertThat(scanned.status()).isEqualTo(200);
        assertThat(scanned.body()).containsEntry("numberMatching", true);
        assertThat(scanned.map("request")).containsEntry("clientName", "Intranet portal");
        Locator match = this.browser.page().locator(".qrlogin-match");
        assertThat(match).isVisible(visibleWithin(Duration.ofSeconds(10)));
        String code = match.textContent();
        assertThat(code).matches("[1-9][0-9]");
        // The phone must learn the code from the person, never from the scan's answer.
        assertThat(values(scanned.body())).as("every value in the scan's answer").doesNotContain(code);
        assertThat(status()).containsText("enter " + code + " on your phone");
        this.browser.screenshot("match-code");

        assertThat(this.client.confirm(qrId, alice, code).status()).isEqualTo(200);
        continueAs("Alice").click(new Locator.ClickOptions().setTimeout(10_000));
        assertThat(hello("Alice")).isVisible(visibleWithin(Duration.ofSeconds(10)));
        this.browser.assertNoConsoleErrors();
    }

    @Test
    void numberMatchingWhenThePhoneSendsAnotherCodeThenLoginCancelledAndANewCodeShown() throws Exception {
        this.browser.page().navigate(this.client.baseUrl() + "/?client=" + SharedSystem.NUMBER_MATCHING_CLIENT);
        String qrId = shownQrId();
        String bob = this.client.appToken("bob");
        this.client.scan(qrId, bob);
        Locator match = this.browser.page().locator(".qrlogin-match");
        assertThat(match).isVisible(visibleWithin(Duration.ofSeconds(10)));
        String wrong = "42".equals(match.textContent()) ? "24" : "42";

        Response refused = this.client.confirm(qrId, bob, wrong);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).containsEntry("code", "match_code_mismatch");

        this.browser.page().waitForCondition(() -> !qrId.equals(currentQrId()),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(match).isHidden();
        this.browser.screenshot("new-code-after-mismatch");
    }

    @Test
    void notYouAfterAnOnlookerConfirmedThenNobodyIsSignedInAndANewCodeShown() throws Exception {
        String qrId = shownQrId();
        String mallory = this.client.appToken("mallory");
        this.client.scan(qrId, mallory);
        assertThat(this.client.confirm(qrId, mallory).status()).isEqualTo(200);
        assertThat(continueAs("Mallory")).isVisible(visibleWithin(Duration.ofSeconds(10)));
        this.browser.screenshot("continue-as-someone-else");

        this.browser.page().getByText("Not you?").click();

        this.browser.page().waitForCondition(() -> !qrId.equals(currentQrId()),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(this.browser.page().locator("img[data-qr-url]")).isVisible();
        assertThat(continueAs("Mallory")).isHidden();
        assertThat(hello("Mallory")).isHidden();
        // The refused ticket is cancelled: the onlooker's phone is told so, and nothing can redeem it.
        Response late = this.client.scan(qrId, mallory);
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).containsEntry("code", "qr_cancelled");
        this.browser.screenshot("new-code-after-not-you");
        this.browser.assertNoConsoleErrors();
    }

    @Test
    void expiryThenPageFetchesAFreshCodeByItself() {
        String qrId = shownQrId();
        this.browser.page().waitForCondition(() -> !qrId.equals(currentQrId()),
                new Page.WaitForConditionOptions().setTimeout(SharedSystem.PENDING.plusSeconds(8).toMillis()));
        assertThat(this.browser.page().locator("img[data-qr-url]")).isVisible();
        this.browser.screenshot("refreshed-after-expiry");
    }

    /** Every value in a JSON document, at any depth, as text. */
    private static Stream<String> values(Object json) {
        if (json instanceof Map<?, ?> object) {
            return object.values().stream().flatMap(LoginPageBrowserIT::values);
        }
        if (json instanceof Collection<?> array) {
            return array.stream().flatMap(LoginPageBrowserIT::values);
        }
        return Stream.of(String.valueOf(json));
    }

    private String shownQrId() {
        return new WidgetPage(this.browser.page()).shownQrId();
    }

    private String currentQrId() {
        return new WidgetPage(this.browser.page()).currentQrId();
    }

    private Locator continueAs(String name) {
        return new WidgetPage(this.browser.page()).continueAs(name);
    }

    private Locator hello(String name) {
        return this.browser.page().getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Hello, " + name));
    }

    private Locator status() {
        return new WidgetPage(this.browser.page()).status();
    }

    private static LocatorAssertions.IsVisibleOptions visibleWithin(Duration timeout) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(timeout.toMillis());
    }
}
