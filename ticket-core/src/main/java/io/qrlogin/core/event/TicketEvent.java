package io.qrlogin.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
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
 * <p>On the wire (the ticket engine's event codec), members without a value are left out.
 */
public record TicketEvent(UUID eventId, Type type, String qrIdHash, String clientId, @Nullable String subject,
        Instant occurredAt) {

    /** The topic ticket events go to unless configured otherwise ({@code qrlogin.events.topic}). */
    public static final String DEFAULT_TOPIC = "qrlogin.events";

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

        /** The state an event of this type announces: the inverse of {@link #reached(TicketState)}. */
        public TicketState state() {
            return switch (this) {
                case ISSUED -> TicketState.PENDING;
                case SCANNED -> TicketState.SCANNED;
                case CONFIRMED -> TicketState.CONFIRMED;
                case CANCELLED -> TicketState.CANCELLED;
                case REDEEMED -> TicketState.REDEEMED;
                case EXPIRED -> TicketState.EXPIRED;
            };
        }

        /** The type named {@code name}, or {@code null} for a name this version does not know. */
        public static @Nullable Type named(@Nullable String name) {
            if (name != null) {
                for (Type type : values()) {
                    if (type.name().equals(name)) {
                        return type;
                    }
                }
            }
            return null;
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
