package io.qrlogin.common.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qrlogin.common.ticket.QrIds;
import io.qrlogin.common.ticket.Ticket;
import io.qrlogin.common.ticket.TicketState;
import io.qrlogin.common.ticket.Transition;
import org.jspecify.annotations.Nullable;

/**
 * A ticket changed state. Published to the events topic keyed by {@code qrIdHash}, so one ticket's
 * events stay in order. Carries no secret: no verifier, challenge or token, and not the QR id itself,
 * only its {@linkplain QrIds#hash hash}: a reader of the stream cannot act on the ticket.
 *
 * @param eventId unique per event, for consumers that de-duplicate
 * @param type what happened
 * @param qrIdHash the ticket, as {@link QrIds#hash}
 * @param clientId the client (site) the ticket is for
 * @param subject the app user who scanned, once there is one
 * @param occurredAt when Redis applied the change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketEvent(UUID eventId, Type type, String qrIdHash, String clientId, @Nullable String subject,
        Instant occurredAt) {

    /** Event types, in the past tense: each names a state the ticket reached. */
    public enum Type {

        ISSUED, SCANNED, CONFIRMED, CANCELLED, REDEEMED, EXPIRED;

        /** The type of event announcing that a ticket reached {@code state}. */
        public static Type reached(TicketState state) {
            return switch (state) {
                case PENDING -> ISSUED;
                case SCANNED -> SCANNED;
                case CONFIRMED -> CONFIRMED;
                case CANCELLED -> CANCELLED;
                case REDEEMED -> REDEEMED;
                case EXPIRED -> EXPIRED;
            };
        }
    }

    /** The event announcing {@code ticket}'s current state. */
    public static TicketEvent reached(Ticket ticket) {
        return of(Type.reached(ticket.state()), ticket);
    }

    /** The event of {@code type} for {@code ticket}, stamped with its last change. */
    public static TicketEvent of(Type type, Ticket ticket) {
        String subject = (ticket.scannedBy() != null) ? ticket.scannedBy().subject() : null;
        return new TicketEvent(UUID.randomUUID(), type, QrIds.hash(ticket.qrId()), ticket.clientId(), subject,
                ticket.updatedAt());
    }

    /**
     * What a transition must announce, in order: {@code EXPIRED} if this call expired the ticket,
     * then the state it reached if it changed. A repeated request announces nothing.
     */
    public static List<TicketEvent> of(Transition transition) {
        List<TicketEvent> events = new ArrayList<>(1);
        if (transition instanceof Transition.Applied applied) {
            if (applied.expiredNow() && applied.ticket().state() != TicketState.EXPIRED) {
                events.add(of(Type.EXPIRED, applied.ticket()));
            }
            if (applied.changed()) {
                events.add(reached(applied.ticket()));
            }
        }
        else if (transition instanceof Transition.Rejected rejected && rejected.expiredNow() && rejected.ticket() != null) {
            events.add(of(Type.EXPIRED, rejected.ticket()));
        }
        return events;
    }
}
