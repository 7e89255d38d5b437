package io.qrlogin.gateway.route;

import io.qrlogin.testing.TestInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every route IT stands on: a real gateway on a random port (each subclass names its own
 * {@code @SpringBootTest} properties and WebTestClient settings), the shared test Redis and Kafka, and
 * {@link StubServices stand-ins} for the four services behind it.
 */
@Import(StubServices.Wiring.class)
abstract class StubbedGateway {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Autowired
    WebTestClient client;
}
