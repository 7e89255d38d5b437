package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every event of the events topic, where the {@link PartitionCursor} says, and hands each to the
 * {@link EventFanOut}.
 *
 * <p>One dedicated thread polls, so no reactive thread ever blocks on Kafka; the Redis reads it
 * triggers are asynchronous. The consumer holds its start positions before the web server starts
 * (see the phase), so no socket can subscribe before this instance reads the events that follow.
 *
 * <p>A broker restart costs nothing: the consumer keeps its positions and reconnects by itself, and
 * producers retry what they could not deliver meanwhile. What it may still miss (an event a producer
 * gave up on) the {@link ResyncScheduler} finds; this consumer asks for a re-read when it had to
 * be re-created, since events may have been skipped meanwhile (a position past the log's retention).
 */
final class KafkaTicketEventConsumer implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(KafkaTicketEventConsumer.class);

    /** How often the topic's partitions are listed again, so added partitions are read too. */
    static final Duration PARTITION_DISCOVERY_INTERVAL = Duration.ofSeconds(60);

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;

    private final PartitionCursor cursor;

    private final EventFanOut fanOut;

    private final Duration startTimeout;

    private final CountDownLatch positioned = new CountDownLatch(1);

    private volatile boolean running;

    private volatile @Nullable Consumer<String, byte[]> consumer;

    private @Nullable Thread poller;

    /**
     * @param consumers creates a consumer (again, after it failed)
     * @param cursor where to read
     * @param fanOut given every record read, and told when the consumer had to be re-created
     * @param startTimeout how long {@link #start()} waits for the consumer to hold its positions before
     * letting the web server start anyway
     */
    KafkaTicketEventConsumer(Supplier<Consumer<String, byte[]>> consumers, PartitionCursor cursor, EventFanOut fanOut,
            Duration startTimeout) {
        this.consumers = consumers;
        this.cursor = cursor;
        this.fanOut = fanOut;
        this.startTimeout = startTimeout;
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
                        + "Kafka answers", this.cursor.topic(), this.startTimeout);
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
                    logger.warn("Reading topic {} failed, retrying: {}", this.cursor.topic(), ex.toString());
                    pause();
                }
            }
            finally {
                this.consumer = null;
            }
        }
    }

    private void consume(Consumer<String, byte[]> kafka) {
        boolean resumed = this.cursor.isPositioned();
        while (this.running && !assign(kafka)) {
            pause();
        }
        if (resumed) {
            this.fanOut.mayHaveMissedEvents("Reading topic " + this.cursor.topic() + " again");
        }
        this.positioned.countDown();
        long nextDiscovery = System.nanoTime() + PARTITION_DISCOVERY_INTERVAL.toNanos();
        while (this.running) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL_TIMEOUT)) {
                this.fanOut.deliver(record);
                this.cursor.passed(record);
            }
            if (System.nanoTime() - nextDiscovery >= 0) {
                // Partitions added to the topic are read too.
                assign(kafka);
                nextDiscovery = System.nanoTime() + PARTITION_DISCOVERY_INTERVAL.toNanos();
            }
        }
    }

    /**
     * Assigns what the cursor says. A broker that does not answer in time is asked again later, with the
     * same consumer: blocking its thread longer would change nothing.
     *
     * @return whether the consumer reads every partition of the topic
     */
    private boolean assign(Consumer<String, byte[]> kafka) {
        try {
            return this.cursor.assign(kafka);
        }
        catch (TimeoutException ex) {
            logger.debug("Kafka did not list the partitions of {} in time: {}", this.cursor.topic(), ex.toString());
            return false;
        }
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
