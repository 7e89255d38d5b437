package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static io.qrlogin.gateway.events.KafkaTicketEventConsumerTest.partition;
import static io.qrlogin.gateway.events.KafkaTicketEventConsumerTest.partitions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PartitionCursorTest {

    private static final String TOPIC = "qrlogin.events";

    private final PartitionCursor cursor = new PartitionCursor(TOPIC, Duration.ofSeconds(1));

    private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");

    @Test
    void firstAssignmentThenEveryPartitionStartsAtItsEndWithoutAGroup() {
        partitions(this.kafka, 3);
        this.kafka.updateEndOffsets(Map.of(partition(0), 10L, partition(1), 20L, partition(2), 0L));

        assertThat(this.cursor.assign(this.kafka)).isTrue();

        assertThat(this.cursor.isPositioned()).isTrue();
        assertThat(this.kafka.assignment()).containsExactlyInAnyOrder(partition(0), partition(1), partition(2));
        assertThat(this.kafka.subscription()).isEmpty();
        assertThat(List.of(this.kafka.position(partition(0)), this.kafka.position(partition(1)),
                this.kafka.position(partition(2)))).containsExactly(10L, 20L, 0L);
    }

    @Test
    void topicWithoutPartitionsThenNothingAssignedUntilItHasSome() {
        assertThat(this.cursor.assign(this.kafka)).isFalse();
        assertThat(this.cursor.isPositioned()).isFalse();
        assertThat(this.kafka.assignment()).isEmpty();

        partitions(this.kafka, 1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 4L));

        assertThat(this.cursor.assign(this.kafka)).isTrue();
        assertThat(this.kafka.position(partition(0))).isEqualTo(4L);
    }

    @Test
    void assignedAlreadyThenNothingIsSoughtAgain() {
        partitions(this.kafka, 1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 10L));
        this.cursor.assign(this.kafka);
        this.kafka.seek(partition(0), 12L);

        assertThat(this.cursor.assign(this.kafka)).isTrue();

        assertThat(this.kafka.position(partition(0))).isEqualTo(12L);
    }

    @Test
    void newConsumerThenEveryPartitionResumesAfterTheLastRecordPassedNotAtItsEnd() {
        partitions(this.kafka, 2);
        this.kafka.updateEndOffsets(Map.of(partition(0), 5L, partition(1), 7L));
        this.cursor.assign(this.kafka);
        this.cursor.passed(new ConsumerRecord<>(TOPIC, 0, 5L, "key", new byte[0]));
        MockConsumer<String, byte[]> next = new MockConsumer<>("latest");
        partitions(next, 2);
        next.updateEndOffsets(Map.of(partition(0), 30L, partition(1), 30L));

        assertThat(this.cursor.assign(next)).isTrue();

        assertThat(next.position(partition(0))).isEqualTo(6L);
        assertThat(next.position(partition(1))).isEqualTo(7L);
    }

    @Test
    void partitionAddedLaterThenReadFromItsBeginningAndTheOthersWhereTheyAre() {
        partitions(this.kafka, 1);
        this.kafka.updateEndOffsets(Map.of(partition(0), 10L));
        this.cursor.assign(this.kafka);
        partitions(this.kafka, 2);
        this.kafka.updateBeginningOffsets(Map.of(partition(1), 0L));
        this.kafka.updateEndOffsets(Map.of(partition(0), 15L, partition(1), 3L));

        assertThat(this.cursor.assign(this.kafka)).isTrue();

        assertThat(this.kafka.position(partition(1))).as("all of it is news").isZero();
        assertThat(this.kafka.position(partition(0))).isEqualTo(10L);
    }

    @Test
    void brokerSilentWhileResolvingAPositionThenNoPartitionCountsAsPositioned() {
        @SuppressWarnings("unchecked")
        Consumer<String, byte[]> silent = mock(Consumer.class);
        MockConsumer<String, byte[]> listing = new MockConsumer<>("latest");
        partitions(listing, 2);
        when(silent.partitionsFor(eq(TOPIC), any(Duration.class))).thenReturn(listing.partitionsFor(TOPIC));
        when(silent.position(eq(partition(0)), any(Duration.class))).thenReturn(10L);
        when(silent.position(eq(partition(1)), any(Duration.class))).thenThrow(new TimeoutException("No answer"));

        assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> this.cursor.assign(silent));

        assertThat(this.cursor.isPositioned()).isFalse();
        partitions(this.kafka, 2);
        this.kafka.updateEndOffsets(Map.of(partition(0), 11L, partition(1), 21L));
        this.cursor.assign(this.kafka);
        assertThat(this.kafka.position(partition(1))).as("at its end, as on a first assignment").isEqualTo(21L);
    }
}
