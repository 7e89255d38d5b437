package io.qrlogin.gateway.route;

import io.qrlogin.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code QRLOGIN_RATELIMIT_ENABLED=false} (benchmarks): no bucket, however tight it is configured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.ratelimit.enabled=false", "qrlogin.ratelimit.browser.replenish-rate=1",
        "qrlogin.ratelimit.browser.burst-capacity=1" })
@AutoConfigureWebTestClient
class RateLimitOffIT {

    private static final StubService QR = StubService.start("qr");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("qrlogin.gateway.qr-service-uri", QR::uri);
    }

    @AfterAll
    static void stopServices() {
        QR.close();
    }

    @Autowired
    private WebTestClient client;

    @Test
    void offThenEveryCallGoesThrough() {
        for (int call = 0; call < 20; call++) {
            this.client.post().uri("/api/qr").exchange().expectStatus().isOk();
        }
    }
}
