package io.qrlogin.gateway.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.qrlogin.core.ticket.Ticket;

/**
 * What the gateway tells browsers, as meters: {@code qrlogin.pushes} (changes pushed, by {@code state}:
 * {@code expired} counts the expirations pushed) and {@code qrlogin.push.latency} (from the change in
 * Redis, the event's {@code occurredAt}, to the push on the socket; a histogram, so percentiles can be
 * aggregated across instances). A snapshot sent on subscribe is not a push of a change and is not counted.
 */
final class PushMetrics {

    static final String PUSHES = "qrlogin.pushes";

    static final String LATENCY = "qrlogin.push.latency";

    private final MeterRegistry registry;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that go nowhere. */
    static PushMetrics none() {
        return new PushMetrics(new CompositeMeterRegistry());
    }

    /** {@code ticket}'s state was pushed to a browser now. */
    void pushed(Ticket ticket) {
        String state = ticket.state().name().toLowerCase(Locale.ROOT);
        Counter.builder(PUSHES)
            .description("Ticket changes pushed to browser sockets, by state")
            .tag("state", state)
            .register(this.registry)
            .increment();
        // Redis's clock stamped the change; a gateway clock slightly behind it must not record a negative time.
        Duration latency = Duration.between(ticket.updatedAt(), Instant.now());
        Timer.builder(LATENCY)
            .description("Time from a ticket change in Redis to its push on a browser socket, by state")
            .tag("state", state)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(this.registry)
            .record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
