package io.qrlogin.common.config;

import org.jspecify.annotations.Nullable;

/**
 * The event stream.
 *
 * @param topic the Kafka topic every ticket change is published to
 */
public record EventsSettings(@Nullable String topic) {

    public static final String DEFAULT_TOPIC = "qrlogin.events";

    public EventsSettings {
        topic = (topic == null || topic.isBlank()) ? DEFAULT_TOPIC : topic;
    }

    /** The defaults. */
    public static EventsSettings defaults() {
        return new EventsSettings(null);
    }
}
