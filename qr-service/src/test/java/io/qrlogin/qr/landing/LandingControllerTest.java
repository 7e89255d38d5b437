package io.qrlogin.qr.landing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.qrlogin.qr.WebSliceConfiguration;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /q/{qrId}} in a web slice: the page, its headers, and what it never does. */
@WebFluxTest(controllers = LandingController.class,
        properties = { "qrlogin.public-base-url=https://login.example.com", "qrlogin.landing.app-name=Acme <Authenticator>",
                "qrlogin.landing.app-link=https://app.example.com/open?code={qrUrl}&from=\"camera\"" })
@Import(WebSliceConfiguration.class)
class LandingControllerTest {

    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @Autowired
    private WebTestClient client;

    @Test
    void landingWhenWellFormedIdThenAPageThatOffersToOpenTheAppOnThisCode() {
        String qrId = TestTickets.qrId();
        String html = page(qrId).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        String qrUrl = URLEncoder.encode("https://login.example.com/q/" + qrId, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!doctype html>")
            .contains("<h1>Sign in with the Acme &lt;Authenticator&gt; app</h1>")
            .contains("href=\"https://app.example.com/open?code=" + qrUrl + "&amp;from=&quot;camera&quot;\"")
            .contains("If someone sent you this link or code, do not confirm.")
            .doesNotContain("<Authenticator>")
            .doesNotContain("<script");
    }

    @Test
    void landingWhenMalformedIdThenANotFoundPageThatNeverEchoesTheId() {
        String html = page("<script>alert(1)</script>").expectStatus().isNotFound()
            .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).contains("This is not a valid login code").doesNotContain("alert(1)").doesNotContain("<script");
    }

    @Test
    void landingWhenTooShortIdThenNotFoundPage() {
        page(TestTickets.qrId().substring(1)).expectStatus().isNotFound();
    }

    @Test
    void landingWhenThePhonePrefersChineseThenTheWholePageIsInSimplifiedChinese() {
        String html = page(TestTickets.qrId(), "zh-CN,zh;q=0.9,en;q=0.8").expectStatus().isOk()
            .expectHeader().valueEquals("Vary", "Accept-Language")
            .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).contains("<html lang=\"zh-CN\">")
            .contains("<h1>用 Acme &lt;Authenticator&gt; 应用登录</h1>")
            .contains(">在 Acme &lt;Authenticator&gt; 应用中打开</a>")
            .contains("如果有人把这个链接或二维码发给你，请不要确认。")
            .doesNotContain("Sign in with")
            .doesNotContain("do not confirm");
    }

    @Test
    void landingWhenMalformedIdAndChinesePhoneThenTheNotFoundPageIsInChinese() {
        String html = page("nope", "zh").expectStatus().isNotFound().expectBody(String.class).returnResult()
            .getResponseBody();

        assertThat(html).contains("<html lang=\"zh-CN\">").contains("这不是有效的登录二维码").doesNotContain("nope");
    }

    @Test
    void landingWhenNoLanguageOrOnlyOthersOrAMalformedHeaderThenEnglish() {
        for (String acceptLanguage : new String[] { null, "fr-FR,de;q=0.5", "zh;q=0", ";;q=x" }) {
            String html = page(TestTickets.qrId(), acceptLanguage).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
            assertThat(html).as("Accept-Language: %s", acceptLanguage).contains("<html lang=\"en\">")
                .contains("<h1>Sign in with the Acme &lt;Authenticator&gt; app</h1>");
        }
    }

    @Test
    void landingWhenChineseRanksBelowAnotherBuiltInLanguageThenTheHigherOneWins() {
        String html = page(TestTickets.qrId(), "fr;q=1, en;q=0.8, zh-CN;q=0.5").expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).contains("<html lang=\"en\">");
    }

    private WebTestClient.ResponseSpec page(String qrId, String acceptLanguage) {
        return page(qrId, (headers) -> {
            if (acceptLanguage != null) {
                headers.set("Accept-Language", acceptLanguage);
            }
        });
    }

    private WebTestClient.ResponseSpec page(String qrId) {
        return page(qrId, (headers) -> { });
    }

    private WebTestClient.ResponseSpec page(String qrId, java.util.function.Consumer<org.springframework.http.HttpHeaders> headers) {
        WebTestClient.ResponseSpec response = this.client.get().uri("/q/{qrId}", qrId).accept(MediaType.TEXT_HTML)
            .headers(headers)
            .exchange();
        // Every answer, found or not: never cached, never framed, no scripts, the URL (which holds the id) never sent on.
        return response.expectHeader().contentType(HTML_UTF8)
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectHeader().valueEquals("X-Frame-Options", "DENY")
            .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
            .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
            .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
}
