package io.qrlogin.gateway.events;

import io.qrlogin.common.event.TicketEvent;
import io.qrlogin.common.ticket.QrIds;
import io.qrlogin.common.ticket.TicketState;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the gateway needs from a ticket event record: which ticket (by its hash: events never
 * carry the id), and which state it reached.
 * Tolerant of members it does not know, so producers may add some; a record it cannot make sense of
 * is skipped.
 */
final class TicketEventRecords {

    private final JsonMapper json;

    TicketEventRecords(JsonMapper json) {
        this.json = json;
    }

    /**
     * The change {@code value} (keyed by {@code key}) announces, or {@code null} when it names no
     * well-formed ticket.
     */
    @Nullable Change read(@Nullable String key, byte @Nullable [] value) {
        JsonNode event = null;
        if (value != null) {
            try {
                event = this.json.readTree(value);
            }
            catch (JacksonException ex) {
                event = null;
            }
        }
        String qrIdHash = (event != null && event.isObject()) ? text(event.get("qrIdHash")) : null;
        if (!QrIds.isWellFormedHash(qrIdHash)) {
            // The key names the ticket too (it keeps one ticket's events on one partition).
            qrIdHash = key;
        }
        if (!QrIds.isWellFormedHash(qrIdHash)) {
            return null;
        }
        TicketState reached = (event != null && event.isObject()) ? reached(text(event.get("type"))) : null;
        return new Change(qrIdHash, reached);
    }

    /** The state an event of {@code type} announces; {@code null} for a type this gateway does not know. */
    static @Nullable TicketState reached(@Nullable String type) {
        TicketEvent.Type known;
        try {
            known = (type != null) ? TicketEvent.Type.valueOf(type) : null;
        }
        catch (IllegalArgumentException ex) {
            known = null;
        }
        if (known == null) {
            return null;
        }
        return switch (known) {
            case ISSUED -> TicketState.PENDING;
            case SCANNED -> TicketState.SCANNED;
            case CONFIRMED -> TicketState.CONFIRMED;
            case CANCELLED -> TicketState.CANCELLED;
            case REDEEMED -> TicketState.REDEEMED;
            case EXPIRED -> TicketState.EXPIRED;
        };
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return (node != null && node.isString()) ? node.stringValue() : null;
    }

    /**
     * A ticket changed.
     *
     * @param qrIdHash the ticket, as {@link QrIds#hash}
     * @param reached the state it reached, if the event said
     */
    record Change(String qrIdHash, @Nullable TicketState reached) {
    }
}
