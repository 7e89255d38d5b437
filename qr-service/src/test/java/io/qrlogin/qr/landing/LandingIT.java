package io.qrlogin.qr.landing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest(properties = {
        "qrlogin.public-base-url=https://login.example.com", "qrlogin.landing.app-name=Acme Authenticator" })
class LandingIT {

    @Autowired
    private WebTestClient client;

    @Test
    void landingWhenWellFormedIdThenPageOffersToOpenTheApp() {
        String qrId = TestTickets.qrId();
        String html = this.client.get().uri("/q/{qrId}", qrId).exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
            .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
            .expectHeader().value("Content-Security-Policy", (csp) -> assertThat(csp).contains("default-src 'none'")
                .contains("frame-ancestors 'none'"))
            .expectBody(String.class).returnResult().getResponseBody();

        String encoded = URLEncoder.encode("https://login.example.com/q/" + qrId, StandardCharsets.UTF_8);
        assertThat(html).contains("Acme Authenticator").contains("href=\"qrlogin://scan?url=" + encoded + "\"")
            .doesNotContain("<script");
    }

    @Test
    void landingWhenMalformedIdThenNotFoundPage() {
        this.client.get().uri("/q/{qrId}", "<script>alert(1)</script>").exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class).value((html) -> assertThat(html).contains("not a valid login code")
                .doesNotContain("<script>"));
    }
}
