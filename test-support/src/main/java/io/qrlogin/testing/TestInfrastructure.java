package io.qrlogin.testing;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Wires a Spring Boot integration test to the shared real Redis and Kafka: a service's own test is a
 * {@link ServiceIntegrationTest}, which applies the {@link Initializer}; any other test registers them itself:
 * <pre>
 * &#64;DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.register(registry);
 * }
 * </pre>
 */
public final class TestInfrastructure {

    /** The Redis URL, the Kafka bootstrap servers and the events topic; each server starts on first use. */
    private static final Map<String, Supplier<Object>> PROPERTIES = Map.of("spring.data.redis.url", TestRedis::url,
            "spring.kafka.bootstrap-servers", TestKafka::bootstrapServers, "qrlogin.events.topic",
            () -> TestKafka.EVENTS_TOPIC);

    private TestInfrastructure() {
    }

    /** Registers the Redis URL, the Kafka bootstrap servers and the events topic. */
    public static void register(DynamicPropertyRegistry registry) {
        PROPERTIES.forEach(registry::add);
    }

    /**
     * Adds the same properties ahead of every other source, as a {@code @DynamicPropertySource} would, for a
     * test that names it in {@code @ContextConfiguration(initializers = ...)}.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new SharedServers());
        }
    }

    /** Resolves a value only when it is read, so a test starts no server its context never asks for. */
    private static final class SharedServers extends EnumerablePropertySource<Map<String, Supplier<Object>>> {

        SharedServers() {
            super("qrlogin-test-infrastructure", PROPERTIES);
        }

        @Override
        public String[] getPropertyNames() {
            return getSource().keySet().toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            Supplier<Object> value = getSource().get(name);
            return (value != null) ? value.get() : null;
        }
    }
}
