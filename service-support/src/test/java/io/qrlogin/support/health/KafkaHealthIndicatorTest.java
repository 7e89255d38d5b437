package io.qrlogin.support.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qrlogin.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaHealthIndicatorTest {

    @Test
    void healthWhenNoBrokerAnswersThenDownWithinTheTimeoutAndCached() throws Exception {
        AtomicInteger created = new AtomicInteger();
        // Nothing listens on port 1: the cluster description times out.
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(() -> {
            created.incrementAndGet();
            return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        }, Duration.ofMillis(500), Duration.ofMinutes(1));
        try {
            StepVerifier.create(indicator.health())
                .assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
            StepVerifier.create(indicator.health())
                .assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
                .expectComplete()
                .verify(Duration.ofMillis(200));
            assertThat(created).hasValue(1);
        }
        finally {
            indicator.destroy();
        }
    }

    @Test
    void boundToARegistryThenTheGaugeSaysUnreachableWithoutAnyProbe() throws Exception {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(() -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200)),
                Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(200));
        assertGaugeComesTo(indicator, 0.0, Duration.ofSeconds(10));
    }

    @Test
    void boundToARegistryWhileTheBrokerAnswersThenTheGaugeSaysReachable() throws Exception {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(() -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers())),
                Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(200));
        assertGaugeComesTo(indicator, 1.0, Duration.ofSeconds(30));
    }

    /** Binds {@code indicator} to a registry and waits for its gauge to read {@code expected}, then stops it. */
    private static void assertGaugeComesTo(KafkaHealthIndicator indicator, double expected, Duration within)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try {
            indicator.bindTo(registry);
            Gauge gauge = registry.get(KafkaHealthIndicator.REACHABLE).gauge();

            await().atMost(within).until(() -> gauge.value() == expected);
        }
        finally {
            indicator.destroy();
        }
    }
}
