package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.Map;

import io.qrlogin.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The broker check against a real broker. */
class BrokerConnectivityIT {

    @Test
    void brokerUpThenItAnswers() {
        try (BrokerConnectivity broker = new BrokerConnectivity(() -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers())), Duration.ofSeconds(5))) {
            StepVerifier.create(broker.answers()).expectNext(true).expectComplete().verify(Duration.ofSeconds(30));
            StepVerifier.create(broker.answers()).expectNext(true).expectComplete().verify(Duration.ofSeconds(30));
        }
    }
}
