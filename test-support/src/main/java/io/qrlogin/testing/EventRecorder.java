package io.qrlogin.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qrlogin.core.ticket.QrIds;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.MapAssert;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records every event published to the events topic from the moment it is created, read by a
 * plain Kafka consumer as any third party would read them. Close it after the test.
 */
public final class EventRecorder implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();

    private final AtomicBoolean running = new AtomicBoolean(true);

    private final Thread poller;

    private EventRecorder(KafkaConsumer<String, String> consumer) {
        this.poller = new Thread(() -> {
            try (consumer) {
                while (this.running.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(this.records::add);
                }
            }
        }, "event-recorder");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** Starts recording at the current end of every partition of the events topic. */
    public static EventRecorder start() {
        return start(TestKafka.EVENTS_TOPIC);
    }

    /**
     * Starts recording at the current end of every partition of {@code topic}; its records are found by the
     * id whose hash keys them ({@link #recordsFor}), e.g. a session's {@code sid} on the sessions topic.
     */
    public static EventRecorder start(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic)
            .forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the end offsets now, so nothing published after start() is missed.
        partitions.forEach(consumer::position);
        return new EventRecorder(consumer);
    }

    /** The raw records of ticket {@code qrId} (keyed by its hash), in the order Kafka delivered them. */
    public List<ConsumerRecord<String, String>> recordsFor(String qrId) {
        String key = QrIds.hash(qrId);
        return this.records.stream().filter((record) -> key.equals(record.key())).toList();
    }

    /** The JSON values of the events for {@code qrId}, parsed, in order. */
    public List<Map<String, Object>> eventsFor(String qrId) {
        return recordsFor(qrId).stream().map((record) -> parse(record.value())).toList();
    }

    /** Every record seen so far. */
    public List<ConsumerRecord<String, String>> all() {
        return List.copyOf(this.records);
    }

    /**
     * Asserts that {@code event} has exactly the fields of a ticket event and names ticket {@code qrId} only by
     * its hash; returns the assertion for the fields the test expects (type, client, subject).
     */
    public static MapAssert<String, Object> assertThatTicketEvent(Map<String, Object> event, String qrId) {
        return assertThat(event).containsOnlyKeys("eventId", "type", "qrIdHash", "clientId", "subject", "occurredAt")
            .containsEntry("qrIdHash", QrIds.hash(qrId));
    }

    /** Asserts that no record of ticket {@code qrId} carries any of {@code secrets}, in its value or a header. */
    public void assertNoRecordOf(String qrId, CharSequence... secrets) {
        recordsFor(qrId).forEach((record) -> assertCarriesNone(record, secrets));
    }

    /** Asserts that {@code record} carries none of {@code secrets}, in its value or in a header. */
    public static void assertCarriesNone(ConsumerRecord<String, String> record, CharSequence... secrets) {
        assertThat(record.value()).doesNotContain(secrets);
        for (Header header : record.headers()) {
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(secrets);
        }
    }

    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    @Override
    public void close() throws InterruptedException {
        this.running.set(false);
        this.poller.join(5000);
    }
}
