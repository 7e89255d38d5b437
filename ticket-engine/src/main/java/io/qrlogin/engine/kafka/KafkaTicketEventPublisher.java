package io.qrlogin.engine.kafka;

import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.engine.TicketEventPublisher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.engine.observability.TracedLogging;
import io.qrlogin.core.ticket.QrIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes ticket events to Kafka, keyed by the ticket's hash so one ticket's events share a partition
 * and keep their order. Reliability comes from the producer: idempotence, {@code acks=all}, and
 * retries for as long as its delivery timeout (see {@code TicketEngineAutoConfiguration}).
 *
 * <p>The caller waits at most {@code wait} for the broker: when Kafka is slow or restarting, the
 * request answers (its change is already true in Redis) while the producer keeps the record and
 * retries in the background. A record the producer finally gives up on is logged; the gateways find
 * the change anyway, by re-reading in Redis the tickets their sockets follow. Each event is counted in
 * the funnel metrics: the change it announces is true whether or not Kafka takes it.
 */
public final class KafkaTicketEventPublisher implements TicketEventPublisher {

    private static final Logger logger = LoggerFactory.getLogger(KafkaTicketEventPublisher.class);

    private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    private final KafkaTemplate<String, TicketEvent> kafka;

    private final String topic;

    private final Duration wait;

    private final TicketMetrics metrics;

    public KafkaTicketEventPublisher(KafkaTemplate<String, TicketEvent> kafka, String topic, TicketMetrics metrics) {
        this(kafka, topic, Duration.ofSeconds(2), metrics);
    }

    /**
     * @param wait how long {@link #publish} waits for the broker's acknowledgement before completing
     * anyway; the record stays with the producer
     */
    public KafkaTicketEventPublisher(KafkaTemplate<String, TicketEvent> kafka, String topic, Duration wait,
            TicketMetrics metrics) {
        this.kafka = kafka;
        this.topic = topic;
        this.wait = wait;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> publish(TicketEvent event) {
        // The request's trace (in the Reactor context) goes along: the template's observation writes it
        // into the record's headers, so the gateway's push continues the same trace.
        return Mono.deferContextual((context) -> {
            this.metrics.transitioned(event);
            // KafkaProducer.send blocks while it waits for topic metadata: keep it off the event loop. The
            // send is detached from the caller: a caller that stops waiting never interrupts it.
            CompletableFuture<SendResult<String, TicketEvent>> sent = CompletableFuture
                .supplyAsync(() -> {
                    try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(context)) {
                        return this.kafka.send(this.topic, event.qrIdHash(), event);
                    }
                }, (task) -> Schedulers.boundedElastic().schedule(task))
                .thenCompose((future) -> future);
            logged(event, sent);
            return Mono.fromFuture(sent, true);
        })
            .timeout(this.wait, TracedLogging.line(() -> logger.info(
                    "Kafka has not taken {} of ticket {} within {}; answering, the producer keeps retrying",
                    event.type(), QrIds.fingerprintOfHash(event.qrIdHash()), this.wait)).then(Mono.empty()))
            // The future completes on the producer's I/O thread: hand the caller's work back to ours.
            .publishOn(Schedulers.parallel())
            .then();
    }

    private static void logged(TicketEvent event, CompletableFuture<SendResult<String, TicketEvent>> sent) {
        sent.whenComplete((result, ex) -> {
            if (ex != null) {
                logger.warn("Could not publish {} for ticket {}: {}", event.type(), QrIds.fingerprintOfHash(event.qrIdHash()),
                        ex.toString());
            }
        });
    }
}
