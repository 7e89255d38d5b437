package io.qrlogin.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket handshake's rate limit with a real gateway, Redis and Kafka: handshakes spend the browser
 * bucket of their client address block, before the upgrade. A small bucket here, so a burst exhausts it
 * however slow the machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.gateway.allowed-origins=" + SocketHandshakeRateLimitIT.ORIGIN,
        // Behind one trusted proxy, so the test can play a caller from addresses of its own.
        "qrlogin.gateway.trusted-proxies=1", "qrlogin.ratelimit.browser.replenish-rate=1",
        "qrlogin.ratelimit.browser.burst-capacity=5" })
class SocketHandshakeRateLimitIT extends LiveGateway {

    /**
     * Each handshake spends a call of the browser bucket before the upgrade, so before any ticket is
     * looked at: guessing verifiers on sockets (one guess a socket) is as rate limited as on redeem.
     */
    @Test
    void handshakesFromOneAddressBlockOverTheBrowserRateThenRateLimitedBeforeAnySocketIsOpened() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port)
            .responseTimeout(Duration.ofSeconds(30)).build();
        String prefix = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":7:";
        EntityExchangeResult<byte[]> refused = null;
        for (int call = 0; call < 30 && refused == null; call++) {
            // Every handshake from another address of the same /64.
            EntityExchangeResult<byte[]> result = client.get().uri("/ws/qr").header(HttpHeaders.ORIGIN, ORIGIN)
                .header("X-Forwarded-For", prefix + Integer.toHexString(call + 1) + "::1")
                .exchange().expectBody().returnResult();
            if (result.getStatus().value() == 429) {
                refused = result;
            }
        }
        assertThat(refused).as("handshakes over the rate are refused").isNotNull();
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(refused.getResponseBody(), StandardCharsets.UTF_8)).contains("\"code\":\"rate_limited\"");
        // Anyone else still opens a socket.
        String verifier = TestTickets.verifier();
        Ticket ticket = RedisTickets.pending(this.store, verifier);
        try (TestBrowser other = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), verifier)) {
            await().until(() -> !other.states().isEmpty());
            assertThat(other.states()).containsExactly("PENDING");
        }
    }
}
