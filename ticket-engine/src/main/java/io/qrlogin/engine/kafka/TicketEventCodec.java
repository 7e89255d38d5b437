package io.qrlogin.engine.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.TicketState;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that knows how a {@link TicketEvent} looks on the wire, for the services that write
 * events and the gateways that read them. Writing: plain JSON (no type headers, so any consumer reads
 * it), members without a value left out. Reading: tolerant of members it does not know, so producers
 * may add some; a record it cannot make sense of is skipped.
 */
public final class TicketEventCodec {

    private final JsonMapper json;

    public TicketEventCodec(JsonMapper json) {
        this.json = json.rebuild()
            .changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    }

    /** The record value of {@code event}. */
    public byte[] encode(TicketEvent event) {
        return this.json.writeValueAsBytes(event);
    }

    /** A Kafka serializer of record values that writes with {@link #encode}. */
    public Serializer<TicketEvent> serializer() {
        return (topic, event) -> (event != null) ? encode(event) : null;
    }

    /**
     * What the gateway needs from a record: which ticket (by its hash: events never carry the id), and
     * which state it reached. {@code null} when {@code value} (keyed by {@code key}) names no
     * well-formed ticket.
     */
    public @Nullable Change read(@Nullable String key, byte @Nullable [] value) {
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
        TicketEvent.Type type = (event != null && event.isObject()) ? TicketEvent.Type.named(text(event.get("type"))) : null;
        return new Change(qrIdHash, (type != null) ? type.state() : null);
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return (node != null && node.isString()) ? node.stringValue() : null;
    }

    /**
     * A ticket changed.
     *
     * @param qrIdHash the ticket, as {@link QrIds#hash}
     * @param reached the state it reached, if the event said (a type this version does not know says nothing)
     */
    public record Change(String qrIdHash, @Nullable TicketState reached) {
    }
}
