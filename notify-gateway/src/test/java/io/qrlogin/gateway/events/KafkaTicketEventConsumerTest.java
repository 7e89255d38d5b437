package io.qrlogin.gateway.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.ObservationRegistry;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.engine.kafka.TicketEventCodec;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestTickets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaTicketEventConsumerTest {

    private static final String TOPIC = TestKafka.EVENTS_TOPIC;

    private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");

    /** The consumers handed out, in order: {@link #kafka} first. */
    private final List<MockConsumer<String, byte[]>> consumers = new ArrayList<>(List.of(this.kafka));

    private final AtomicInteger created = new AtomicInteger();

    private final RecordedChanges changes = new RecordedChanges();

    private final ResyncScheduler resyncs = new ResyncScheduler(this.changes, Duration.ofHours(1), Mono.just(true),
            Schedulers.parallel());

    private final KafkaTicketEventConsumer consumer = new KafkaTicketEventConsumer(
            () -> this.consumers.get(Math.min(this.created.getAndIncrement(), this.consumers.size() - 1)),
            new PartitionCursor(TOPIC, Duration.ofSeconds(1)),
            new EventFanOut(new TicketEventCodec(JsonMapper.builder().build()), this.changes, this.resyncs,
                    ObservationRegistry.NOOP),
            Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        this.consumer.stop();
        this.resyncs.stop();
    }

    @Test
    void startThenEveryPartitionIsAssignedAtItsEndWithoutAGroup() {
        partitions(this.kafka, 3);
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
        partitions(this.kafka, 2);
        this.kafka.updateEndOffsets(Map.of(partition(0), 0L, partition(1), 0L));
        this.consumer.start();
        String first = TestTickets.qrId();
        String second = TestTickets.qrId();

        this.kafka.schedulePollTask(() -> {
            this.kafka.addRecord(record(0, 0, first, "SCANNED"));
            this.kafka.addRecord(record(1, 0, second, "CONFIRMED"));
            this.kafka.addRecord(new ConsumerRecord<>(TOPIC, 1, 1, null, "garbage".getBytes(StandardCharsets.UTF_8)));
        });

        await().until(() -> this.changes.changes().size() == 2);
        assertThat(this.changes.changes()).containsExactlyInAnyOrder(
                new TicketEventCodec.Change(QrIds.hash(first), TicketState.SCANNED),
                new TicketEventCodec.Change(QrIds.hash(second), TicketState.CONFIRMED));
    }

    @Test
    void stopThenTheConsumerIsClosed() {
        partitions(this.kafka, 1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 0L));
        this.consumer.start();

        this.consumer.stop();

        assertThat(this.consumer.isRunning()).isFalse();
        assertThat(this.kafka.closed()).isTrue();
    }

    @Test
    void consumerFailsThenANewOneResumesWhereItStoppedAndTheFollowedTicketsAreReReadOnce() {
        MockConsumer<String, byte[]> next = new MockConsumer<>("latest");
        this.consumers.add(next);
        partitions(this.kafka, 1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 5L));
        partitions(next, 1);
        next.updateEndOffsets(Map.of(partition(0), 9L));
        this.resyncs.start();
        this.consumer.start();
        String qrId = TestTickets.qrId();
        this.kafka.schedulePollTask(() -> this.kafka.addRecord(record(0, 5, qrId, "SCANNED")));
        await().until(() -> this.changes.changes().size() == 1);
        assertThat(this.changes.resyncs()).isZero();

        this.kafka.setPollException(new KafkaException("The consumer broke"));

        await().atMost(Duration.ofSeconds(10)).until(() -> next.assignment().contains(partition(0)));
        assertThat(this.kafka.closed()).isTrue();
        assertThat(next.position(partition(0))).as("resumes after the last record read, not at the end").isEqualTo(6L);
        await().atMost(Duration.ofSeconds(5)).until(() -> this.changes.resyncs() == 1);
        awaitPolls(next, 2);
        assertThat(this.changes.resyncs()).isEqualTo(1);
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

    /** Waits until {@code kafka} has been polled {@code count} more times. */
    private static void awaitPolls(MockConsumer<String, byte[]> kafka, int count) {
        AtomicInteger polls = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            kafka.schedulePollTask(polls::incrementAndGet);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == count);
    }

    static void partitions(MockConsumer<?, ?> kafka, int count) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            infos.add(new PartitionInfo(TOPIC, i, node, new Node[] { node }, new Node[] { node }));
        }
        kafka.updatePartitions(TOPIC, infos);
    }

    static TopicPartition partition(int number) {
        return new TopicPartition(TOPIC, number);
    }

    static ConsumerRecord<String, byte[]> record(int partition, long offset, String qrId, String type) {
        String value = "{\"eventId\":\"8c0e6f1e-3b0a-4bb5-9d57-7f0c2a1d9e11\",\"type\":\"" + type + "\",\"qrIdHash\":\"" + QrIds.hash(qrId)
                + "\",\"clientId\":\"web\",\"occurredAt\":\"2026-11-24T08:58:31.112Z\"}";
        return new ConsumerRecord<>(TOPIC, partition, offset, QrIds.hash(qrId), value.getBytes(StandardCharsets.UTF_8));
    }
}
