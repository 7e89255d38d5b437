package io.qrlogin.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Wires a Spring Boot integration test to the shared real Redis and Kafka:
 * <pre>
 * &#64;DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.register(registry);
 * }
 * </pre>
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    /** Registers the Redis URL, the Kafka bootstrap servers and the events topic. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("qrlogin.events.topic", () -> TestKafka.EVENTS_TOPIC);
    }
}
