package io.qrlogin.gateway.socket;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket's abuse limits with a real gateway, Redis and Kafka: a cap on sockets per client address,
 * a frame budget per socket. Violators are told {@code rate_limited} and closed with 1008; the instance
 * goes on serving everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.gateway.allowed-origins=" + SocketLimitsIT.ORIGIN, "qrlogin.ratelimit.sockets-per-address=3" })
class SocketLimitsIT extends LiveGateway {

    @Test
    void oneSocketMoreThanAnAddressMayHoldThenRateLimitedAnd1008UntilOneCloses() {
        List<TestBrowser> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(subscribed());
            }
            try (TestBrowser extra = TestBrowser.open(this.port, ORIGIN)) {
                assertThat(extra.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
                assertThat(extra.messages()).containsExactly(Map.of("type", "error", "code", "rate_limited"));
            }

            held.remove(0).close();
            await().untilAsserted(() -> {
                try (TestBrowser next = subscribed()) {
                    assertThat(next.states()).containsExactly("PENDING");
                }
            });
        }
        finally {
            held.forEach(TestBrowser::close);
        }
    }

    @Test
    void floodOfFramesThenRateLimitedAnd1008AndOthersStillServed() {
        List<String> texts = new CopyOnWriteArrayList<>();
        AtomicReference<CloseStatus> closed = new AtomicReference<>();
        HttpHeaders headers = new HttpHeaders();
        headers.setOrigin(ORIGIN);
        // Pongs: frames no handler looks at, so only the budget can stop them.
        new ReactorNettyWebSocketClient(HttpClient.create())
            .execute(URI.create("ws://localhost:" + this.port + "/ws/qr"), headers, (session) -> Mono.when(
                    session.send(Flux.range(0, 500).map((i) -> session.pongMessage((buffers) -> buffers.wrap(new byte[16]))))
                        .onErrorResume((ex) -> Mono.empty()),
                    session.receive()
                        .filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
                        .doOnNext((message) -> texts.add(message.getPayloadAsText()))
                        .then(),
                    session.closeStatus().doOnNext(closed::set).then()))
            .block(Duration.ofSeconds(20));

        assertThat(closed.get()).isNotNull();
        assertThat(closed.get().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(texts).containsExactly("{\"type\":\"error\",\"code\":\"rate_limited\"}");
        try (TestBrowser other = subscribed()) {
            assertThat(other.states()).containsExactly("PENDING");
        }
    }

    private TestBrowser subscribed() {
        String verifier = TestTickets.verifier();
        Ticket ticket = RedisTickets.pending(this.store, verifier);
        TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), verifier);
        await().until(() -> !browser.states().isEmpty() || browser.closeStatus() != null);
        return browser;
    }
}
