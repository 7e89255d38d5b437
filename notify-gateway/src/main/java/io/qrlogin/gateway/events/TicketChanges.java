package io.qrlogin.gateway.events;

import io.qrlogin.core.ticket.TicketState;
import org.jspecify.annotations.Nullable;

/** Told of every ticket change the event stream carries, in the order of each ticket's events. */
@FunctionalInterface
public interface TicketChanges {

    /**
     * The ticket whose {@linkplain io.qrlogin.core.ticket.QrIds#hash hash} is {@code qrIdHash} changed.
     *
     * @param qrIdHash the ticket, as events name it
     * @param reached the state the event announces, or {@code null} when the event did not say
     */
    void changed(String qrIdHash, @Nullable TicketState reached);

    /**
     * The stream may have lost changes: the consumer was cut off from the broker, or had to be
     * re-created. What matters must be read again from the source of truth.
     */
    default void mayHaveMissed() {
    }
}
