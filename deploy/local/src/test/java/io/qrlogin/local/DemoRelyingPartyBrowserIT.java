package io.qrlogin.local;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import io.qrlogin.local.LoginClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QR Login as an OpenID Provider, seen from a real browser: the demo relying party (deploy/demo-rp, Spring
 * Security's OAuth 2.0 client and nothing of ours) signs its user in through the provider's QR login page,
 * the phone app (played over HTTP) scans and confirms, and the app shows the ID token's claims; signing
 * out there ends the provider's session too. Screenshots of every step land in {@code target/screenshots}.
 */
class DemoRelyingPartyBrowserIT {

    private static final Duration STEP = Duration.ofSeconds(15);

    /**
     * The hand-over, the code, its exchange at the token endpoint and the ID token's keys: the first sign-in
     * crosses cold paths of four processes on a machine that may be busy.
     */
    private static final Duration SIGN_IN = Duration.ofSeconds(60);

    @RegisterExtension
    static final ChromiumPerClass CHROMIUM = new ChromiumPerClass();

    @RegisterExtension
    final PagePerTest browser = new PagePerTest(CHROMIUM, new Browser.NewPageOptions().setViewportSize(1024, 900));

    private final LoginClient client = SharedSystem.client();

    private final String demoRp = SharedSystem.get().settings().demoRpUrl();

    private final String issuer = SharedSystem.get().settings().publicUrl();

    @BeforeAll
    static void startTheSystem() throws Exception {
        SharedSystem.get();
        // A first scan warms scan-service (its Kafka producer, the app token's keys), which on a freshly started,
        // busy system can take longer than the gateway waits or a QR code lives: done here, outside the codes
        // the tests show. Its answer does not matter.
        LoginClient client = SharedSystem.client();
        String warmUp = SharedSystem.mint().qrId();
        answered(() -> client.scan(warmUp, client.appToken("carol")));
    }

    @Test
    void signInAtTheDemoAppWithTheQrFlowThenItShowsTheIdTokenAndSigningOutEndsBothSessions() throws Exception {
        this.browser.page().navigate(this.demoRp + "/");
        this.browser.screenshot("demo-app");

        signInWithQrLogin("alice");

        assertThat(this.browser.page().getByText("Signed in as")).containsText("Alice");
        assertThat(claim("sub")).hasText("alice");
        assertThat(claim("name")).hasText("Alice");
        assertThat(claim("amr")).containsText("qr");
        assertThat(claim("iss")).hasText(this.issuer);
        assertThat(claim("aud")).containsText(LocalSettings.DEMO_RP);
        assertThat(claim("sid")).not().isEmpty();
        this.browser.screenshot("signed-in");

        this.browser.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

        // Out at the provider (its end_session_endpoint) and back at the app's registered post-logout URI.
        assertThat(this.browser.page()).hasURL(this.demoRp + "/", urlWithin(SIGN_IN));
        assertThat(signInLink()).isVisible();
        assertThat(this.browser.page().getByText("Signed in as")).isHidden();
        this.browser.screenshot("signed-out");

        // No single sign-on left at the provider: a new sign-in shows a QR code again.
        signInLink().click();
        assertThat(this.browser.page()).hasURL(this.issuer + "/login", urlWithin(STEP));
        shownQrId();
        this.browser.screenshot("qr-again");
    }

    @Test
    void promptLoginWithAProviderSessionThenANewQrCodeInsteadOfSingleSignOn() throws Exception {
        this.browser.page().navigate(this.demoRp + "/");
        signInWithQrLogin("bob");
        String authorize = this.issuer + "/oauth2/authorize?response_type=code&client_id=" + LocalSettings.DEMO_RP
                + "&scope=openid&state=s1&redirect_uri=" + this.demoRp + LocalSettings.DEMO_RP_CALLBACK;

        // The browser's provider session answers at once, without a QR code (single sign-on) ...
        APIResponse sso = this.browser.page().request().get(authorize, RequestOptions.create().setMaxRedirects(0));
        assertThat(sso.status()).isEqualTo(302);
        assertThat(sso.headers().get("location")).startsWith(this.demoRp + LocalSettings.DEMO_RP_CALLBACK + "?code=");

        // ... unless the client asks for a new login.
        APIResponse fresh = this.browser.page().request().get(authorize + "&prompt=login", RequestOptions.create().setMaxRedirects(0));
        assertThat(fresh.status()).isEqualTo(302);
        assertThat(URI.create(this.issuer).resolve(fresh.headers().get("location")).toString())
            .isEqualTo(this.issuer + "/login");
        this.browser.page().navigate(this.issuer + "/login");
        shownQrId();
        this.browser.screenshot("new-qr-for-prompt-login");
    }

    @Test
    void signedOutFromThePhoneAppThenTheDemoAppsSessionEndsByBackChannelLogout() throws Exception {
        this.browser.page().navigate(this.demoRp + "/");
        signInWithQrLogin("dave");
        String sid = claim("sid").textContent().strip();
        String appToken = this.client.appToken("dave");

        // The phone lists the browser's session, naming the app it signed in to ...
        assertThat(sessionsOnThePhone(appToken)).anySatisfy((session) -> assertThat(session)
            .containsEntry("sessionId", sid)
            .containsEntry("clientId", LocalSettings.DEMO_RP)
            .containsEntry("method", "qr"));
        this.browser.screenshot("signed-in");

        // ... and signs it out: QR Login tells the demo app over its back channel, which ends its own session.
        assertThat(this.client.delete("/api/app/sessions/" + sid, appToken).status()).isEqualTo(204);
        await("the demo app's session ends").atMost(SIGN_IN).untilAsserted(() -> {
            this.browser.page().navigate(this.demoRp + "/");
            assertThat(this.browser.page().getByText("Signed in as")).isHidden();
        });
        assertThat(signInLink()).isVisible();
        this.browser.screenshot("signed-out-from-the-phone");
        assertThat(sessionsOnThePhone(appToken)).noneSatisfy((session) -> assertThat(session)
            .containsEntry("sessionId", sid));

        // Nor does the provider sign the browser in again without a new QR code.
        signInLink().click();
        assertThat(this.browser.page()).hasURL(this.issuer + "/login", urlWithin(STEP));
        shownQrId();
    }

    /** The sessions the phone app's user sees. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sessionsOnThePhone(String appToken) throws Exception {
        Response sessions = this.client.get("/api/app/sessions", appToken);
        assertThat(sessions.status()).as(String.valueOf(sessions)).isEqualTo(200);
        return (List<Map<String, Object>>) sessions.body().get("sessions");
    }

    /**
     * From the demo app's home page: "Sign in with QR Login", the provider's QR page naming the app, the phone
     * scans and confirms as {@code username}, the page's "Continue as", and the browser ends back at the app,
     * signed in. Answers the
     * ticket's id.
     */
    private String signInWithQrLogin(String username) throws Exception {
        String appToken = this.client.appToken(username);
        signInLink().click();
        assertThat(this.browser.page()).hasURL(this.issuer + "/login", urlWithin(STEP));
        assertThat(this.browser.page().getByRole(AriaRole.HEADING)).hasText("Sign in to Demo app");
        // Scanned at once: QR codes live only SharedSystem.PENDING here.
        String qrId = shownQrId();
        Response scanned = answered(() -> this.client.scan(qrId, appToken));
        this.browser.screenshot("qr-login-page");
        assertThat(scanned.status()).as(String.valueOf(scanned)).isEqualTo(200);
        assertThat(scanned.map("request")).containsEntry("clientId", LocalSettings.DEMO_RP)
            .containsEntry("clientName", "Demo app");
        assertThat(answered(() -> this.client.confirm(qrId, appToken)).status()).isEqualTo(200);
        // The page asks who confirmed before it signs in (an onlooker may have scanned first).
        String name = Character.toUpperCase(username.charAt(0)) + username.substring(1);
        this.browser.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue as " + name))
            .click(new Locator.ClickOptions().setTimeout(SIGN_IN.toMillis()));

        assertThat(this.browser.page()).hasURL(this.demoRp + "/", urlWithin(SIGN_IN));
        assertThat(this.browser.page().getByText("Signed in as")).isVisible(visibleWithin(STEP));
        return qrId;
    }

    /**
     * {@code call}'s answer once it is not {@code 503 unavailable}, which the contract asks callers to retry:
     * the first scan of a freshly started system can outwait the gateway while scan-service's Kafka producer
     * starts. Scanning and confirming again as the same user is harmless.
     */
    private static Response answered(Callable<Response> call) {
        return await().atMost(SIGN_IN).until(call, (response) -> response.status() != 503);
    }

    /** Waits for the QR code, checks its text alternative names its link, and answers the ticket's id. */
    private String shownQrId() {
        Locator image = this.browser.page().locator("img[data-qr-url]");
        assertThat(image).isVisible(visibleWithin(STEP));
        String url = image.getAttribute("data-qr-url");
        assertThat(url).matches(Pattern.quote(this.issuer + "/q/") + "[A-Za-z0-9_-]{32}");
        assertThat(image.getAttribute("alt")).contains(url);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private Locator signInLink() {
        return this.browser.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with QR Login"));
    }

    /** The value cell of the ID token claim {@code name} in the demo app's table. */
    private Locator claim(String name) {
        return this.browser.page().locator("xpath=//tr[th/code[text()='" + name + "']]/td");
    }

    private static LocatorAssertions.IsVisibleOptions visibleWithin(Duration timeout) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(timeout.toMillis());
    }

    private static PageAssertions.HasURLOptions urlWithin(Duration timeout) {
        return new PageAssertions.HasURLOptions().setTimeout(timeout.toMillis());
    }
}
