package io.qrlogin.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.qrlogin.core.event.TicketEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft) for integration tests, started once per test JVM: the cluster named
 * by {@code QRLOGIN_TEST_KAFKA_BOOTSTRAP} if set, else a container when Docker is present, else
 * spring-kafka-test's in-JVM KRaft broker. The events topic exists before the first test runs.
 */
public final class TestKafka {

    /** Points the tests at an existing broker, e.g. {@code localhost:9092}. */
    public static final String BOOTSTRAP_VARIABLE = "QRLOGIN_TEST_KAFKA_BOOTSTRAP";

    /** The topic the services publish to in tests, as in production. */
    public static final String EVENTS_TOPIC = TicketEvent.DEFAULT_TOPIC;

    /** The topic session-service publishes sessions' starts and ends to (DESIGN.md, "Sessions"). */
    public static final String SESSIONS_TOPIC = "qrlogin.sessions";

    /** Several partitions, so tests would notice events of one ticket landing on different ones. */
    public static final int PARTITIONS = 3;

    private static final SharedTestServer KAFKA = new SharedTestServer("Kafka", BOOTSTRAP_VARIABLE, TestKafka::startContainer,
            TestKafka::startInThisJvm, (servers) -> {
                createTopic(servers, EVENTS_TOPIC);
                createTopic(servers, SESSIONS_TOPIC);
            });

    private TestKafka() {
    }

    /** The bootstrap servers, starting the broker on first use. */
    public static String bootstrapServers() {
        return KAFKA.address();
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.1");
        container.start();
        return container.getBootstrapServers();
    }

    private static String startInThisJvm() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-test-kafka"));
        return broker.getBrokersAsString();
    }

    private static void createTopic(String servers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the topic " + topic, ex);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
