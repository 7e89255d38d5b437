package io.qrlogin.support.config;

import java.time.Duration;

import io.qrlogin.core.event.TicketEvent;
import org.jspecify.annotations.Nullable;

/**
 * The event stream.
 *
 * @param topic the Kafka topic every ticket change is published to
 * @param publishWait how long a request waits for the broker to take its event before answering anyway;
 * the producer keeps retrying in the background (see {@code spring.kafka.producer.properties.delivery.timeout.ms})
 */
public record EventsSettings(@Nullable String topic, @Nullable Duration publishWait) {

    public static final String DEFAULT_TOPIC = TicketEvent.DEFAULT_TOPIC;

    public static final Duration DEFAULT_PUBLISH_WAIT = Duration.ofSeconds(2);

    public EventsSettings {
        topic = (topic == null || topic.isBlank()) ? DEFAULT_TOPIC : topic;
        publishWait = (publishWait != null) ? publishWait : DEFAULT_PUBLISH_WAIT;
        if (publishWait.isNegative()) {
            throw new IllegalArgumentException("qrlogin.events.publish-wait must not be negative");
        }
    }

    /** The defaults. */
    public static EventsSettings defaults() {
        return new EventsSettings(null, null);
    }
}
