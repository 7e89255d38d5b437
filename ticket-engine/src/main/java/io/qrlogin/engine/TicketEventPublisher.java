package io.qrlogin.engine;

import io.qrlogin.core.event.TicketEvent;
import java.util.List;

import io.qrlogin.core.ticket.Transition;
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

    /**
     * Announces what {@code transition} changed ({@link TicketEvent#of(Transition)}). A failure to
     * publish does not fail the caller: the change is already true in Redis, which stays the source
     * of truth, and the publisher has logged it.
     */
    default Mono<Void> announce(Transition transition) {
        return publishAll(TicketEvent.of(transition)).onErrorResume((ex) -> Mono.empty());
    }
}
