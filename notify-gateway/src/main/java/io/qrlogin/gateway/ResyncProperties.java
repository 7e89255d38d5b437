package io.qrlogin.gateway;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway makes up for ticket events it never received (a broker outage longer than the
 * producers' delivery timeout, a producer that died with unsent events): it re-reads in Redis the
 * tickets its sockets follow, at once when its consumer gets its connection to Kafka back, and on a
 * slow timer. Only real changes reach the browsers: a socket never gets a state twice.
 *
 * @param interval how often every followed ticket is re-read; a change whose event was lost reaches
 * the browser within this time at worst
 * @param concurrency how many tickets one resynchronisation reads at a time
 */
@ConfigurationProperties("qrlogin.gateway.resync")
public record ResyncProperties(@Nullable Duration interval, int concurrency) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    public static final int DEFAULT_CONCURRENCY = 8;

    public ResyncProperties {
        interval = (interval != null) ? interval : DEFAULT_INTERVAL;
        if (interval.toMillis() <= 0) {
            throw new IllegalArgumentException("qrlogin.gateway.resync.interval must be positive, was " + interval);
        }
        concurrency = (concurrency != 0) ? concurrency : DEFAULT_CONCURRENCY;
        if (concurrency < 1) {
            throw new IllegalArgumentException("qrlogin.gateway.resync.concurrency must be positive, was " + concurrency);
        }
    }

    /** The defaults: every 10 s, 8 reads at a time. */
    public static ResyncProperties defaults() {
        return new ResyncProperties(null, 0);
    }
}
