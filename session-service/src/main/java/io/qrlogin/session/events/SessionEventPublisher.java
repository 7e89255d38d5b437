package io.qrlogin.session.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes {@link SessionEvent}s to Kafka, detached from the caller: a login, logout or revocation never
 * waits for the broker nor fails because of it (the producer keeps retrying for two minutes, then the event
 * is logged as lost). Written by the producer settings every service shares
 * ({@link io.qrlogin.engine.kafka.TicketEventProducer}), as JSON text.
 */
public final class SessionEventPublisher implements DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(SessionEventPublisher.class);

    /** The events that may wait for the producer (the broker unreachable) before new ones are dropped. */
    private static final int QUEUED = 10_000;

    private final DefaultKafkaProducerFactory<String, String> producers;

    private final KafkaTemplate<String, String> kafka;

    private final String topic;

    private final JsonMapper json;

    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUED), (task) -> {
                Thread thread = new Thread(task, "session-events");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * @param producers a producer factory of its own (one bean of that type would replace Boot's, which the
     * ticket events use), already configured; closed with this publisher
     */
    public SessionEventPublisher(DefaultKafkaProducerFactory<String, String> producers, String topic, JsonMapper json) {
        producers.setValueSerializer(new StringSerializer());
        this.producers = producers;
        this.kafka = new KafkaTemplate<>(producers);
        this.topic = topic;
        this.json = json;
    }

    /** Hands {@code event} to the producer and returns at once. */
    public void publish(SessionEvent event) {
        String value;
        try {
            value = this.json.writeValueAsString(event.toJson());
        }
        catch (RuntimeException ex) {
            logger.warn("Could not write {} of session {}: {}", event.type(), event.sid(), ex.toString());
            return;
        }
        // KafkaProducer.send blocks while it waits for topic metadata: keep it off the caller's thread, on one
        // thread of its own, so that events reach the producer in the order they were published (a session's
        // SESSION_STARTED before its SESSION_ENDED: same key, same partition, same order).
        try {
            CompletableFuture.supplyAsync(() -> this.kafka.send(this.topic, event.key(), value), this.sender)
                .thenCompose((future) -> future)
                .whenComplete((result, ex) -> {
                    if (ex != null) {
                        logger.warn("Could not publish {} of session {}: {}", event.type(), event.sid(), ex.toString());
                    }
                });
        }
        catch (RejectedExecutionException ex) {
            logger.warn("Could not publish {} of session {}: {} events wait for Kafka already", event.type(), event.sid(),
                    QUEUED);
        }
    }

    @Override
    public void destroy() {
        this.sender.shutdown();
        this.producers.destroy();
    }
}
