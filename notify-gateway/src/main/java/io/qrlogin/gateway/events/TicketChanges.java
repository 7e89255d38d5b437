package io.qrlogin.gateway.events;

import io.qrlogin.common.ticket.TicketState;
import org.jspecify.annotations.Nullable;

/** Told of every ticket change the event stream carries, in the order of each ticket's events. */
@FunctionalInterface
public interface TicketChanges {

    /**
     * Ticket {@code qrId} changed.
     *
     * @param qrId the ticket
     * @param reached the state the event announces, or {@code null} when the event did not say
     */
    void changed(String qrId, @Nullable TicketState reached);

    /**
     * The stream may have lost changes: the consumer was cut off from the broker, or had to be
     * re-created. What matters must be read again from the source of truth.
     */
    default void mayHaveMissed() {
    }
}
