package io.qrlogin.common.event;

import java.util.List;

import reactor.core.publisher.Mono;

/** Announces ticket changes. Called only after the change succeeded in Redis. */
public interface TicketEventPublisher {

    /** Completes once the event is durably stored, or errors. */
    Mono<Void> publish(TicketEvent event);

    /** Publishes {@code events} one after the other, keeping their order. */
    default Mono<Void> publishAll(List<TicketEvent> events) {
        Mono<Void> chain = Mono.empty();
        for (TicketEvent event : events) {
            chain = chain.then(publish(event));
        }
        return chain;
    }
}
