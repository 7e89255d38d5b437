package io.qrlogin.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget on a registered client's page on another site: the page ({@code http://127.0.0.1:<port>},
 * served here) imports the module from the gateway ({@code http://localhost:<port>}) through an import map
 * that pins its Subresource Integrity value from {@code /.well-known/qrlogin-widget.json}, mounts it with
 * {@code baseUrl}, and the user signs in with the phone; the page then calls the API with the token, across
 * origins. A wrong integrity value, or a page on an origin nobody registered, gets no widget at all.
 */
class CrossOriginWidgetBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final ChromiumPerClass CHROMIUM = new ChromiumPerClass();

    @RegisterExtension
    final PagePerTest browser = new PagePerTest(CHROMIUM, new Browser.NewPageOptions().setViewportSize(390, 844));

    private static HttpServer partner;

    private static HttpServer stranger;

    private static Map<String, String> widget;

    private final LoginClient client = SharedSystem.client();

    @BeforeAll
    static void servePages() throws Exception {
        String gateway = SharedSystem.client().baseUrl();
        widget = widgetDescription(gateway);
        String wrongIntegrity = "sha384-" + Base64.getEncoder().encodeToString(new byte[48]);
        partner = serve(SharedSystem.crossOriginPort(), Map.of(
                "/", page(gateway, widget.get("url"), widget.get("integrity")),
                "/tampered", page(gateway, widget.get("url"), wrongIntegrity)));
        stranger = serve(LocalSystem.freePort(), Map.of("/", page(gateway, widget.get("url"), widget.get("integrity"))));
    }

    @AfterAll
    static void stopServingPages() {
        for (HttpServer server : new HttpServer[] { partner, stranger }) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Test
    void pageOnARegisteredOriginImportsTheWidgetWithItsIntegrityAndThePhoneSignsTheUserIn() throws Exception {
        this.browser.page().navigate(SharedSystem.crossOriginUrl() + "/");
        WidgetPage login = new WidgetPage(this.browser.page());
        String qrId = login.shownQrId();
        String dave = this.client.appToken("dave");

        assertThat(this.client.scan(qrId, dave).status()).isEqualTo(200);
        assertThat(login.status()).containsText("Scanned by Dave");
        assertThat(this.client.confirm(qrId, dave).status()).isEqualTo(200);
        login.continueAs("Dave").click(new Locator.ClickOptions().setTimeout(10_000));

        // The page's own call to the API, with the session's bearer token, across origins (a preflight).
        assertThat(this.browser.page().getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hello, Dave")))
            .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(Duration.ofSeconds(10).toMillis()));
        assertThat(this.browser.consoleErrors()).as("no script, CORS, integrity or network errors on the page").isEmpty();
    }

    @Test
    void importMapWithAnotherIntegrityValueThenTheBrowserRefusesTheWidget() {
        this.browser.page().navigate(SharedSystem.crossOriginUrl() + "/tampered");

        this.browser.page().waitForCondition(() -> logged("integrity"), new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(this.browser.page().locator("img[data-qr-url]")).hasCount(0);
    }

    @Test
    void pageOnAnOriginNobodyRegisteredThenTheBrowserRefusesTheWidget() {
        this.browser.page().navigate("http://127.0.0.1:" + stranger.getAddress().getPort() + "/");

        this.browser.page().waitForCondition(() -> logged("CORS policy"), new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(this.browser.page().locator("img[data-qr-url]")).hasCount(0);
    }

    private boolean logged(String error) {
        return this.browser.consoleErrors().stream().anyMatch((message) -> message.contains(error));
    }

    /** The gateway's {@code {"version","url","integrity"}} of the widget it serves now. */
    private static Map<String, String> widgetDescription(String gateway) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway + "/.well-known/qrlogin-widget.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> description = JSON.readValue(response.body(), new TypeReference<Map<String, String>>() {
        });
        assertThat(description.get("url")).startsWith(gateway + "/widget/");
        return description;
    }

    /**
     * A client's page as the README shows it: an import map that pins the widget's integrity, the widget
     * mounted for the gateway with this client's id, and a greeting from the API once signed in.
     */
    private static String page(String gateway, String widgetUrl, String integrity) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Partner site</title>
                  <link rel="icon" href="data:,">
                  <script type="importmap">
                    { "imports": { "qrlogin": "%2$s" }, "integrity": { "%2$s": "%3$s" } }
                  </script>
                </head>
                <body>
                  <main>
                    <h1>Partner site</h1>
                    <div id="login"></div>
                  </main>
                  <script type="module">
                    import { QrLogin } from 'qrlogin';
                    QrLogin.mount(document.getElementById('login'), {
                      baseUrl: '%1$s',
                      clientId: '%4$s',
                      onLogin: async ({ accessToken }) => {
                        const me = await fetch('%1$s/api/session/me', { headers: { Authorization: `Bearer ${accessToken}` } });
                        const greeting = document.createElement('h2');
                        greeting.textContent = `Hello, ${(await me.json()).name}`;
                        document.querySelector('main').append(greeting);
                      },
                    });
                  </script>
                </body>
                </html>
                """.formatted(gateway, widgetUrl, integrity, SharedSystem.CROSS_ORIGIN_CLIENT);
    }

    /** A tiny web server on the loopback address: each path its HTML page. */
    private static HttpServer serve(int port, Map<String, String> pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", (exchange) -> {
            String html = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (html != null ? html : "Not found").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders((html != null) ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
