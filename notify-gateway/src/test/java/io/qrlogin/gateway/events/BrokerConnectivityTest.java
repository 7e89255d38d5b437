package io.qrlogin.gateway.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker check against brokers that do not answer, without Kafka: a socket that accepts connections
 * and never answers on them (what a frozen broker looks like from outside), and a port nobody listens on.
 */
class BrokerConnectivityTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void brokerAcceptsConnectionsButNeverAnswersThenNoAnswerWithinTheTimeout() throws IOException {
        try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                BrokerConnectivity broker = connectivity(frozen.getLocalPort())) {
            StepVerifier.create(broker.answers()).expectNext(false).expectComplete().verify(Duration.ofSeconds(10));
            StepVerifier.create(broker.answers()).expectNext(false).expectComplete().verify(Duration.ofSeconds(10));
        }
    }

    @Test
    void nobodyListensThenNoAnswerWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (BrokerConnectivity broker = connectivity(port)) {
            StepVerifier.create(broker.answers()).expectNext(false).expectComplete().verify(Duration.ofSeconds(10));
        }
    }

    @Test
    void adminCannotBeCreatedThenNoAnswerAndCreatedOnALaterCheck() {
        AtomicInteger attempts = new AtomicInteger();
        try (BrokerConnectivity broker = new BrokerConnectivity(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("No resolvable bootstrap urls");
        }, TIMEOUT)) {
            StepVerifier.create(broker.answers()).expectNext(false).expectComplete().verify(Duration.ofSeconds(10));
            StepVerifier.create(broker.answers()).expectNext(false).expectComplete().verify(Duration.ofSeconds(10));
        }
        assertThat(attempts).hasValue(2);
    }

    static BrokerConnectivity connectivity(int port) {
        return new BrokerConnectivity(() -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + port, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200)), TIMEOUT);
    }
}
