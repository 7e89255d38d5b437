package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.qrlogin.engine.kafka.TicketEventCodec;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.qrlogin.core.ticket.QrIds;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Reads EVERY event of the events topic and tells {@link TicketChanges} about it. A browser's socket
 * lives on one gateway instance, so each instance must see each event: there is no consumer group
 * (which would split the partitions between instances) and nothing is committed. The consumer is
 * assigned every partition of the topic and starts at its end — a socket only needs changes after it
 * subscribed, and it reads its snapshot from Redis.
 *
 * <p>One dedicated thread polls, so no reactive thread ever blocks on Kafka; the Redis reads it
 * triggers are asynchronous. The consumer holds its start positions before the web server starts
 * (see the phase), so no socket can subscribe before this instance reads the events that follow.
 *
 * <p>A broker restart costs nothing: the consumer keeps its positions and reconnects by itself, and
 * producers retry what they could not deliver meanwhile. An event a producer finally gave up on is
 * never read, though, so when the consumer gets its connection back after losing it (or has to be
 * re-created) it tells {@link TicketChanges#mayHaveMissed()}: the sockets' tickets are read again.
 */
final class KafkaTicketEventConsumer implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(KafkaTicketEventConsumer.class);

    /** How often the topic's partitions are listed again, so added partitions are read too. */
    static final Duration PARTITION_DISCOVERY_INTERVAL = Duration.ofSeconds(60);

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;

    private final String topic;

    private final TicketEventCodec records;

    private final TicketChanges changes;

    private final Duration startTimeout;

    private final ObservationRegistry observations;

    private final Predicate<Consumer<?, ?>> connected;

    /** Where to resume after the consumer had to be re-created, so no event is skipped. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    private final CountDownLatch positioned = new CountDownLatch(1);

    private boolean waitingForTopic;

    private volatile boolean running;

    private volatile @Nullable Consumer<String, byte[]> consumer;

    private @Nullable Thread poller;

    KafkaTicketEventConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, TicketEventCodec records,
            TicketChanges changes, Duration startTimeout) {
        this(consumers, topic, records, changes, startTimeout, ObservationRegistry.NOOP);
    }

    /**
     * @param observations each record's fan-out is observed, continuing the trace whose context the
     * producer put in the record's headers
     */
    KafkaTicketEventConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, TicketEventCodec records,
            TicketChanges changes, Duration startTimeout, ObservationRegistry observations) {
        this(consumers, topic, records, changes, startTimeout, observations, KafkaTicketEventConsumer::hasConnections);
    }

    /**
     * @param connected whether a consumer is connected to the cluster now
     */
    KafkaTicketEventConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, TicketEventCodec records,
            TicketChanges changes, Duration startTimeout, ObservationRegistry observations,
            Predicate<Consumer<?, ?>> connected) {
        this.connected = connected;
        this.consumers = consumers;
        this.topic = topic;
        this.records = records;
        this.changes = changes;
        this.startTimeout = startTimeout;
        this.observations = observations;
    }

    @Override
    public int getPhase() {
        // Start before the web server accepts sockets, stop after it has closed them.
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        this.running = true;
        Thread thread = new Thread(this::run, "qrlogin-events-fanout");
        thread.setDaemon(true);
        this.poller = thread;
        thread.start();
        try {
            if (!this.positioned.await(this.startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("Not yet reading topic {} after {}; sockets get snapshots and expiries, and changes once "
                        + "Kafka answers", this.topic, this.startTimeout);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        Consumer<String, byte[]> current = this.consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread thread = this.poller;
        if (thread != null) {
            try {
                thread.join(5000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        this.poller = null;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Whether the consumer holds its start positions: from then on no event is missed. */
    boolean isPositioned() {
        return this.positioned.getCount() == 0;
    }

    private void run() {
        while (this.running) {
            try (Consumer<String, byte[]> kafka = this.consumers.get()) {
                this.consumer = kafka;
                if (!this.running) {
                    return;
                }
                consume(kafka);
            }
            catch (WakeupException ex) {
                // stop() woke the consumer up.
            }
            catch (RuntimeException ex) {
                if (this.running) {
                    logger.warn("Reading topic {} failed, retrying: {}", this.topic, ex.toString());
                    pause();
                }
            }
            finally {
                this.consumer = null;
            }
        }
    }

    private void consume(Consumer<String, byte[]> kafka) {
        Set<TopicPartition> assigned = new HashSet<>();
        while (this.running && !assign(kafka, assigned)) {
            pause();
        }
        if (isPositioned()) {
            // A re-created consumer: whatever was published while there was none may be lost.
            missedSome("Reading topic " + this.topic + " again");
        }
        this.positioned.countDown();
        long nextDiscovery = System.nanoTime() + PARTITION_DISCOVERY_INTERVAL.toNanos();
        boolean wasConnected = false;
        boolean cutOff = false;
        while (this.running) {
            ConsumerRecords<String, byte[]> batch = kafka.poll(POLL_TIMEOUT);
            for (ConsumerRecord<String, byte[]> record : batch) {
                observe(record);
                this.positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            boolean connectedNow = this.connected.test(kafka);
            if (wasConnected && !connectedNow && !cutOff) {
                cutOff = true;
                logger.warn("Cut off from Kafka; sockets still get their snapshots and expiries, and changes once "
                        + "it is back");
            }
            else if (cutOff && connectedNow) {
                cutOff = false;
                missedSome("Connected to Kafka again");
            }
            wasConnected = wasConnected || connectedNow;
            if (System.nanoTime() - nextDiscovery >= 0) {
                assign(kafka, assigned);
                nextDiscovery = System.nanoTime() + PARTITION_DISCOVERY_INTERVAL.toNanos();
            }
        }
    }

    /**
     * Assigns every partition of the topic. A partition seen for the first time starts at its end on
     * the first assignment, and at its beginning when it appeared later (all of it is news). A
     * partition read before the consumer was re-created resumes where it stopped.
     *
     * @return whether the topic has partitions
     */
    private boolean assign(Consumer<String, byte[]> kafka, Set<TopicPartition> assigned) {
        List<PartitionInfo> infos = kafka.partitionsFor(this.topic);
        if (infos == null || infos.isEmpty()) {
            if (!this.waitingForTopic) {
                logger.warn("Topic {} does not exist yet; waiting for it", this.topic);
                this.waitingForTopic = true;
            }
            return false;
        }
        this.waitingForTopic = false;
        List<TopicPartition> all = new ArrayList<>();
        infos.forEach((info) -> all.add(new TopicPartition(info.topic(), info.partition())));
        if (assigned.containsAll(all)) {
            return true;
        }
        boolean first = assigned.isEmpty();
        kafka.assign(all);
        List<TopicPartition> toEnd = new ArrayList<>();
        List<TopicPartition> toBeginning = new ArrayList<>();
        for (TopicPartition partition : all) {
            Long resume = this.positions.get(partition);
            if (resume != null) {
                kafka.seek(partition, resume);
            }
            else if (first || assigned.contains(partition)) {
                toEnd.add(partition);
            }
            else {
                toBeginning.add(partition);
            }
        }
        kafka.seekToEnd(toEnd);
        kafka.seekToBeginning(toBeginning);
        // position() resolves the lazy seeks now, so nothing published from here on is missed.
        for (TopicPartition partition : all) {
            this.positions.put(partition, kafka.position(partition));
        }
        assigned.addAll(all);
        logger.info("Reading all {} partitions of {}", all.size(), this.topic);
        return true;
    }

    /**
     * Delivers {@code record} inside an observation that continues the trace of its {@code traceparent}
     * header: the fan-out's log lines, and the pushes it triggers, carry the trace id of the request
     * that made the change.
     */
    private void observe(ConsumerRecord<String, byte[]> record) {
        Observation.createNotStarted("qrlogin.events.fanout",
                () -> new KafkaRecordReceiverContext(record, "notify-gateway-fanout", () -> null), this.observations)
            .contextualName(this.topic + " fan-out")
            .observe(() -> deliver(record));
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        TicketEventCodec.Change change = this.records.read(record.key(), record.value());
        if (change == null) {
            logger.debug("Skipped an event without a ticket id at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        logger.debug("Fanning out {} of ticket {}", change.reached(), QrIds.fingerprintOfHash(change.qrIdHash()));
        try {
            this.changes.changed(change.qrIdHash(), change.reached());
        }
        catch (RuntimeException ex) {
            logger.warn("Could not fan out an event of ticket {}: {}", QrIds.fingerprintOfHash(change.qrIdHash()),
                    ex.toString());
        }
    }

    private void missedSome(String why) {
        logger.info("{}; re-reading the tickets sockets follow", why);
        try {
            this.changes.mayHaveMissed();
        }
        catch (RuntimeException ex) {
            logger.warn("Could not re-read the followed tickets: {}", ex.toString());
        }
    }

    /** Whether {@code consumer} holds a connection to a broker now (its {@code connection-count} metric). */
    static boolean hasConnections(Consumer<?, ?> consumer) {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if ("connection-count".equals(name.name()) && "consumer-metrics".equals(name.group())
                    && metric.getValue().metricValue() instanceof Number count) {
                return count.doubleValue() > 0;
            }
        }
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.running = false;
        }
    }
}
