package io.qrlogin.gateway.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.qrlogin.engine.kafka.TicketEventCodec;
import io.micrometer.observation.ObservationRegistry;

import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.TicketState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaTicketEventConsumerTest {

    private static final String TOPIC = TestKafka.EVENTS_TOPIC;

    private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");

    private final List<TicketEventCodec.Change> changes = new CopyOnWriteArrayList<>();

    private final KafkaTicketEventConsumer consumer = new KafkaTicketEventConsumer(() -> this.kafka, TOPIC,
            new TicketEventCodec(JsonMapper.builder().build()),
            (qrId, reached) -> this.changes.add(new TicketEventCodec.Change(qrId, reached)), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        this.consumer.stop();
    }

    @Test
    void startThenEveryPartitionIsAssignedAtItsEndWithoutAGroup() {
        partitions(3);
        this.kafka.updateEndOffsets(Map.of(partition(0), 10L, partition(1), 20L, partition(2), 0L));

        this.consumer.start();

        assertThat(this.consumer.isPositioned()).isTrue();
        assertThat(this.kafka.assignment()).containsExactlyInAnyOrder(partition(0), partition(1), partition(2));
        assertThat(this.kafka.subscription()).isEmpty();
        await().until(() -> this.kafka.position(partition(1)) == 20L);
        assertThat(this.kafka.position(partition(0))).isEqualTo(10L);
    }

    @Test
    void eventOnAnyPartitionThenTheChangeIsPassedOn() {
        partitions(2);
        this.kafka.updateEndOffsets(Map.of(partition(0), 0L, partition(1), 0L));
        this.consumer.start();
        String first = TestTickets.qrId();
        String second = TestTickets.qrId();

        this.kafka.schedulePollTask(() -> {
            this.kafka.addRecord(record(0, 0, first, "SCANNED"));
            this.kafka.addRecord(record(1, 0, second, "CONFIRMED"));
            this.kafka.addRecord(new ConsumerRecord<>(TOPIC, 1, 1, null, "garbage".getBytes(StandardCharsets.UTF_8)));
        });

        await().until(() -> this.changes.size() == 2);
        assertThat(this.changes).containsExactlyInAnyOrder(new TicketEventCodec.Change(QrIds.hash(first), TicketState.SCANNED),
                new TicketEventCodec.Change(QrIds.hash(second), TicketState.CONFIRMED));
    }

    @Test
    void stopThenTheConsumerIsClosed() {
        partitions(1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 0L));
        this.consumer.start();

        this.consumer.stop();

        assertThat(this.consumer.isRunning()).isFalse();
        assertThat(this.kafka.closed()).isTrue();
    }

    @Test
    void connectionLostAndBackThenTheFollowedTicketsAreReReadOnce() {
        partitions(1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 0L));
        AtomicBoolean connected = new AtomicBoolean(true);
        AtomicInteger missed = new AtomicInteger();
        TicketChanges changes = new TicketChanges() {
            @Override
            public void changed(String qrId, TicketState reached) {
            }

            @Override
            public void mayHaveMissed() {
                missed.incrementAndGet();
            }
        };
        KafkaTicketEventConsumer consumer = new KafkaTicketEventConsumer(() -> this.kafka, TOPIC,
                new TicketEventCodec(JsonMapper.builder().build()), changes, Duration.ofSeconds(5),
                ObservationRegistry.NOOP, (kafka) -> connected.get());
        try {
            consumer.start();
            awaitPolls(2);
            assertThat(missed).hasValue(0);

            connected.set(false);
            awaitPolls(2);
            assertThat(missed).hasValue(0);

            connected.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> missed.get() == 1);
            awaitPolls(2);
            assertThat(missed).hasValue(1);
        }
        finally {
            consumer.stop();
        }
    }

    @Test
    void hasConnectionsWhenTheMetricIsMissingThenAssumedConnected() {
        assertThat(KafkaTicketEventConsumer.hasConnections(this.kafka)).isTrue();
    }

    /** Waits until the consumer has polled {@code count} more times. */
    private void awaitPolls(int count) {
        AtomicInteger polls = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            this.kafka.schedulePollTask(polls::incrementAndGet);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == count);
    }

    @Test
    void fanOutConsumerConfigsDropTheGroupAndNeverCommit() {
        Map<String, Object> configs = EventsConfiguration.fanOutConsumerConfigs(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "kafka:9092", ConsumerConfig.GROUP_ID_CONFIG, "shared", ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "one",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true));

        assertThat(configs).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
            .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
            .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
            .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    }

    private void partitions(int count) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            infos.add(new PartitionInfo(TOPIC, i, node, new Node[] { node }, new Node[] { node }));
        }
        this.kafka.updatePartitions(TOPIC, infos);
    }

    private static TopicPartition partition(int number) {
        return new TopicPartition(TOPIC, number);
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, String qrId, String type) {
        String value = "{\"eventId\":\"8c0e6f1e-3b0a-4bb5-9d57-7f0c2a1d9e11\",\"type\":\"" + type + "\",\"qrIdHash\":\"" + QrIds.hash(qrId)
                + "\",\"clientId\":\"web\",\"occurredAt\":\"2026-11-24T08:58:31.112Z\"}";
        return new ConsumerRecord<>(TOPIC, partition, offset, QrIds.hash(qrId), value.getBytes(StandardCharsets.UTF_8));
    }
}
