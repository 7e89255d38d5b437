package io.qrlogin.support.config;

import java.time.Duration;

import io.qrlogin.core.event.TicketEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event stream.
 *
 * @param topic the Kafka topic every ticket change is published to
 * @param publishWait how long a request waits for the broker to take its event before answering anyway; the
 * producer keeps retrying in the background (see {@code spring.kafka.producer.properties.delivery.timeout.ms})
 */
public record EventsSettings(@DefaultValue(TicketEvent.DEFAULT_TOPIC) @NotBlank String topic,
        @DefaultValue("2s") @NotNull @DurationMin(seconds = 0) Duration publishWait) {
}
