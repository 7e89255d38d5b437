package io.qrlogin.gateway.route;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** {@code QRLOGIN_RATELIMIT_ENABLED=false} (benchmarks): no bucket, however tight it is configured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.ratelimit.enabled=false", "qrlogin.ratelimit.browser.replenish-rate=1",
        "qrlogin.ratelimit.browser.burst-capacity=1" })
@AutoConfigureWebTestClient
class RateLimitOffIT extends StubbedGateway {

    @Test
    void offThenEveryCallGoesThrough() {
        for (int call = 0; call < 20; call++) {
            this.client.post().uri("/api/qr").exchange().expectStatus().isOk();
        }
    }
}
