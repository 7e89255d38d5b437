package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this gateway instance reads the events topic: every partition, from "now". A browser's socket
 * lives on one instance, so each instance must see each event: partitions are assigned, not shared in
 * a consumer group, and no offset is ever committed. A socket only needs the changes after it
 * subscribed (it reads its snapshot from Redis), so the first assignment starts at each partition's end.
 *
 * <p>The cursor outlives the consumer: when the consumer has to be re-created, every partition resumes
 * where it stopped, so no event is skipped. A partition that appears later (the topic grew) is read from
 * its beginning: all of it is news.
 */
final class PartitionCursor {

    private static final Logger logger = LoggerFactory.getLogger(PartitionCursor.class);

    private final String topic;

    private final Duration timeout;

    /** The next offset to read, by partition: where a re-created consumer resumes. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    private boolean waitingForTopic;

    /**
     * @param topic the events topic
     * @param timeout how long a call to the broker may block the consumer's thread (listing partitions,
     * resolving a position); a broker that does not answer within it fails the call
     */
    PartitionCursor(String topic, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
    }

    String topic() {
        return this.topic;
    }

    /** Whether the cursor has held positions: from then on no event is missed. */
    boolean isPositioned() {
        return !this.positions.isEmpty();
    }

    /**
     * Assigns {@code kafka} every partition of the topic it does not read yet, each at its position (see
     * the class comment), and resolves the positions at once, so nothing published from here on is missed.
     *
     * @return whether the topic has partitions; {@code false} while it does not exist
     * @throws org.apache.kafka.common.errors.TimeoutException if the broker does not answer in time
     */
    boolean assign(Consumer<?, ?> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(this.topic, this.timeout);
        if (infos == null || infos.isEmpty()) {
            if (!this.waitingForTopic) {
                logger.warn("Topic {} does not exist yet; waiting for it", this.topic);
                this.waitingForTopic = true;
            }
            return false;
        }
        this.waitingForTopic = false;
        List<TopicPartition> all = infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
        if (kafka.assignment().containsAll(all) && this.positions.keySet().containsAll(all)) {
            return true;
        }
        boolean first = !isPositioned();
        kafka.assign(all);
        List<TopicPartition> toEnd = new ArrayList<>();
        List<TopicPartition> toBeginning = new ArrayList<>();
        for (TopicPartition partition : all) {
            Long resume = this.positions.get(partition);
            if (resume != null) {
                kafka.seek(partition, resume);
            }
            else if (first) {
                toEnd.add(partition);
            }
            else {
                toBeginning.add(partition);
            }
        }
        kafka.seekToEnd(toEnd);
        kafka.seekToBeginning(toBeginning);
        // All or none: a partition without a position would be taken for one that appeared later.
        Map<TopicPartition, Long> resolved = new HashMap<>();
        for (TopicPartition partition : all) {
            resolved.put(partition, kafka.position(partition, this.timeout));
        }
        this.positions.putAll(resolved);
        logger.info("Reading all {} partitions of {}", all.size(), this.topic);
        return true;
    }

    /** {@code record} was handled: a re-created consumer resumes after it. */
    void passed(ConsumerRecord<?, ?> record) {
        this.positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }
}
