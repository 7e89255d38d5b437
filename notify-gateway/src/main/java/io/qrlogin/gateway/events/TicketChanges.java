package io.qrlogin.gateway.events;

import io.qrlogin.core.ticket.TicketState;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the fan-out tells the sockets: each change the event stream carries, and when to read again what
 * they follow because the stream may have lost some.
 */
public interface TicketChanges {

    /**
     * The ticket whose {@linkplain io.qrlogin.core.ticket.QrIds#hash hash} is {@code qrIdHash} changed.
     * Called in the order of each ticket's events.
     *
     * @param qrIdHash the ticket, as events name it
     * @param reached the state the event announces, or {@code null} when the event did not say
     */
    void changed(String qrIdHash, @Nullable TicketState reached);

    /**
     * Reads every followed ticket again from the source of truth and passes on what the stream did not
     * bring. Completes once every ticket is read; a ticket that cannot be read now is skipped.
     *
     * @return how many sockets got a change they had not seen
     */
    Mono<Integer> resync();
}
