package io.qrlogin.gateway;

import io.qrlogin.testing.ManagementContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "qrlogin.demo.enabled=true" })
class ManagementIT extends ManagementContract {

    @Test
    void widgetAndDemoPagesServedWithPageSecurityHeaders() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.serverPort).build();
        client.get().uri("/qrlogin.js").exchange().expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/javascript")
            .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
            .expectBody(String.class).value((js) -> assertThat(js).contains("export const QrLogin"));
        for (String page : new String[] { "/", "/app" }) {
            client.get().uri(page).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", (csp) -> assertThat(csp).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"))
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).value((html) -> assertThat(html).contains("<script type=\"module\" src=\"/demo/")
                    .doesNotContain("<script>"));
        }
        client.get().uri("/demo/app.js").exchange().expectStatus().isOk();
        client.get().uri("/demo/demo.css").exchange().expectStatus().isOk();
    }
}
