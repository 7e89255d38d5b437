package io.qrlogin.gateway.socket;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code /ws/qr} wire format: the subscribe message in, state and error messages out. */
final class SocketMessages {

    static final String SUBSCRIBE = "subscribe";

    /** Every code an error message may carry: the AsyncAPI document lists exactly these. */
    static final Set<ProblemCode> ERRORS = Collections.unmodifiableSet(EnumSet.of(ProblemCode.INVALID_REQUEST,
            ProblemCode.INVALID_VERIFIER, ProblemCode.QR_NOT_FOUND, ProblemCode.RATE_LIMITED, ProblemCode.UNAVAILABLE));

    private final JsonMapper json;

    SocketMessages(JsonMapper json) {
        this.json = json;
    }

    /** The subscribe request in {@code text}, or {@code null} when it is not one of the documented shape. */
    @Nullable SubscribeRequest subscribe(String text) {
        JsonNode message;
        try {
            message = this.json.readTree(text);
        }
        catch (JacksonException ex) {
            return null;
        }
        if (message == null || !message.isObject() || !SUBSCRIBE.equals(text(message, "type"))) {
            return null;
        }
        String qrId = text(message, "qrId");
        String codeVerifier = text(message, "codeVerifier");
        if (!QrIds.isWellFormed(qrId) || !Pkce.isWellFormedVerifier(codeVerifier)) {
            return null;
        }
        return new SubscribeRequest(qrId, codeVerifier);
    }

    /**
     * {@code {"type":"state","qrId","state","expiresAt","scannedBy"?:{"name"},"matchCode"?}}. The match
     * code goes only to the browser that proved it holds the verifier, and only while the ticket is
     * {@code SCANNED}: it is what the user must type on the phone.
     */
    String state(Ticket ticket) {
        ScannedBy scannedBy = (ticket.scannedBy() != null) ? new ScannedBy(ticket.scannedBy().name()) : null;
        String matchCode = (ticket.state() == TicketState.SCANNED) ? ticket.matchCode() : null;
        return this.json.writeValueAsString(
                new StateMessage("state", ticket.qrId(), ticket.state(), ticket.expiresAt(), scannedBy, matchCode));
    }

    /** {@code {"type":"error","code"}}, {@code code} one of {@link #ERRORS}. */
    String error(ProblemCode code) {
        if (!ERRORS.contains(code)) {
            throw new IllegalArgumentException("Not a documented socket error: " + code);
        }
        return this.json.writeValueAsString(new ErrorMessage("error", code.code()));
    }

    private static @Nullable String text(JsonNode message, String member) {
        JsonNode value = message.get(member);
        return (value != null && value.isString()) ? value.stringValue() : null;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StateMessage(String type, String qrId, TicketState state, Instant expiresAt, @Nullable ScannedBy scannedBy,
            @Nullable String matchCode) {
    }

    /** Only the display name: the browser has no use for the app user's id. */
    record ScannedBy(String name) {
    }

    record ErrorMessage(String type, String code) {
    }
}
