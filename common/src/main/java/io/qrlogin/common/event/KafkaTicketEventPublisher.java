package io.qrlogin.common.event;

import io.qrlogin.common.ticket.QrIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes ticket events to Kafka, keyed by {@code qrId} so one ticket's events share a partition
 * and keep their order. Reliability comes from the producer: idempotence and {@code acks=all}.
 */
public final class KafkaTicketEventPublisher implements TicketEventPublisher {

    private static final Logger logger = LoggerFactory.getLogger(KafkaTicketEventPublisher.class);

    private final KafkaTemplate<String, TicketEvent> kafka;

    private final String topic;

    public KafkaTicketEventPublisher(KafkaTemplate<String, TicketEvent> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public Mono<Void> publish(TicketEvent event) {
        // KafkaProducer.send blocks while it waits for topic metadata: keep it off the event loop.
        // The future completes on the producer's I/O thread: hand the caller's work back to ours.
        return Mono.fromFuture(() -> this.kafka.send(this.topic, event.qrId(), event))
            .subscribeOn(Schedulers.boundedElastic())
            .publishOn(Schedulers.parallel())
            .doOnError((ex) -> logger.warn("Could not publish {} for ticket {}: {}", event.type(),
                    QrIds.fingerprint(event.qrId()), ex.toString()))
            .then();
    }
}
