package io.qrlogin.common.event;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.qrlogin.common.observability.TicketMetrics;
import io.qrlogin.common.ticket.QrIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes ticket events to Kafka, keyed by the ticket's hash so one ticket's events share a partition
 * and keep their order. Reliability comes from the producer: idempotence and {@code acks=all}.
 * Each event is counted in the funnel metrics: the change it announces is already true in Redis,
 * whether or not Kafka takes it.
 */
public final class KafkaTicketEventPublisher implements TicketEventPublisher {

    private static final Logger logger = LoggerFactory.getLogger(KafkaTicketEventPublisher.class);

    private final KafkaTemplate<String, TicketEvent> kafka;

    private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    private final String topic;

    private final TicketMetrics metrics;

    public KafkaTicketEventPublisher(KafkaTemplate<String, TicketEvent> kafka, String topic, TicketMetrics metrics) {
        this.kafka = kafka;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> publish(TicketEvent event) {
        // KafkaProducer.send blocks while it waits for topic metadata: keep it off the event loop.
        // The future completes on the producer's I/O thread: hand the caller's work back to ours.
        // The request's trace (in the Reactor context) goes along: the template's observation writes it
        // into the record's headers, so the gateway's push continues the same trace.
        return Mono.deferContextual((context) -> {
            this.metrics.transitioned(event);
            return Mono.fromFuture(() -> {
                try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(context)) {
                    return this.kafka.send(this.topic, event.qrIdHash(), event);
                }
            });
        })
            .subscribeOn(Schedulers.boundedElastic())
            .publishOn(Schedulers.parallel())
            .doOnError((ex) -> logger.warn("Could not publish {} for ticket {}: {}", event.type(),
                    QrIds.fingerprintOfHash(event.qrIdHash()), ex.toString()))
            .then();
    }
}
