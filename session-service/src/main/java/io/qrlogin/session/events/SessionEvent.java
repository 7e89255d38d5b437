package io.qrlogin.session.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.qrlogin.core.ticket.QrIds;
import org.jspecify.annotations.Nullable;

/**
 * A session began or ended, as published on {@code qrlogin.sessions} (DESIGN.md, "Sessions"): the OpenID
 * Provider sends back-channel logout tokens on {@code SESSION_ENDED}; audit and SIEM may read them too. Names
 * the session and its user, never a token.
 *
 * @param eventId a random id, so a consumer can drop a duplicate
 * @param type {@code SESSION_STARTED} or {@code SESSION_ENDED}
 * @param sid the session
 * @param sub its user
 * @param clientId the client it was signed in to
 * @param reason why it ended ({@code logout}, {@code revoked}, {@code expired}); {@code null} for a start
 * @param occurredAt when
 */
public record SessionEvent(String eventId, Type type, String sid, String sub, String clientId,
        @Nullable Reason reason, Instant occurredAt) {

    /** The topic's name unless configured otherwise ({@code qrlogin.session.events-topic}). */
    public static final String DEFAULT_TOPIC = "qrlogin.sessions";

    /** A session began: its browser redeemed a ticket. */
    public static SessionEvent started(String sid, String sub, String clientId, Instant at) {
        return new SessionEvent(UUID.randomUUID().toString(), Type.SESSION_STARTED, sid, sub, clientId, null, at);
    }

    /** A session ended. */
    public static SessionEvent ended(String sid, String sub, String clientId, Reason reason, Instant at) {
        return new SessionEvent(UUID.randomUUID().toString(), Type.SESSION_ENDED, sid, sub, clientId, reason, at);
    }

    /**
     * The record key: the first 128 bits of SHA-256 of the sid, base64url, as the ticket events' {@code qrIdHash}.
     * One session's events share a partition, so they stay in order.
     */
    public String key() {
        return QrIds.hash(this.sid);
    }

    /** The JSON members, in the contract's order; {@code reason} only when set. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", this.eventId);
        json.put("type", this.type.name());
        json.put("sid", this.sid);
        json.put("sub", this.sub);
        json.put("clientId", this.clientId);
        if (this.reason != null) {
            json.put("reason", this.reason.value());
        }
        json.put("occurredAt", this.occurredAt.toString());
        return json;
    }

    /** What happened to the session. */
    public enum Type {
        SESSION_STARTED, SESSION_ENDED
    }

    /** Why a session ended. */
    public enum Reason {

        /** Its browser logged out. */
        LOGOUT("logout"),
        /** Its user ended it from the phone. */
        REVOKED("revoked"),
        /** It was idle longer than its idle timeout, or reached its max lifetime. */
        EXPIRED("expired");

        private final String value;

        Reason(String value) {
            this.value = value;
        }

        /** As the event spells it. */
        public String value() {
            return this.value;
        }
    }
}
