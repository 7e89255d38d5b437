package io.qrlogin.oidc.logout;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.listener.MessageListener;

/**
 * Session events from session-service ({@code qrlogin.sessions}:
 * {@code {"eventId","type","sid","sub","clientId","reason"?,"occurredAt"}}): a session that ended, by
 * logout, revocation on the phone or expiry, ends at the provider too. An event that cannot be read is
 * skipped (it would fail the same way every time); a failure to end the session (Redis) is thrown, so
 * the container tries the event again.
 */
final class SessionEventListener implements MessageListener<String, String> {

    static final String SESSION_ENDED = "SESSION_ENDED";

    private static final Logger logger = LoggerFactory.getLogger(SessionEventListener.class);

    private final EndedSessions sessions;

    private final JsonMapper json;

    SessionEventListener(EndedSessions sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = (record.value() != null) ? this.json.readTree(record.value()) : null;
        }
        catch (JacksonException ex) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            logger.warn("Skipped a session event that is not a JSON object (partition {}, offset {})",
                    record.partition(), record.offset());
            return;
        }
        JsonNode type = event.get("type");
        JsonNode sid = event.get("sid");
        if (type == null || !SESSION_ENDED.equals(type.asString(""))) {
            return;
        }
        if (sid == null || !sid.isString() || sid.asString().isBlank()) {
            logger.warn("Skipped a SESSION_ENDED event without sid (partition {}, offset {})", record.partition(),
                    record.offset());
            return;
        }
        this.sessions.end(sid.asString(), null);
    }
}
