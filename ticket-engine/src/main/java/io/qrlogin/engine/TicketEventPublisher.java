package io.qrlogin.engine;

import java.util.List;

import io.qrlogin.core.event.TicketEvent;
import reactor.core.publisher.Mono;

/**
 * Announces ticket changes. Called only after the change succeeded in Redis, by {@link TicketCommands},
 * which owns what a failed publish means for the caller.
 */
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
