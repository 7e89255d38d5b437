package io.qrlogin.core.ticket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long a ticket lives in each phase. Bound from {@code qrlogin.ticket.*} by every service;
 * an unset value takes its default.
 *
 * @param pending how long a minted (or scanned) ticket waits for a confirm
 * @param confirmed how long a confirmed ticket waits for the browser to redeem it
 * @param tombstone how long a finished ticket is remembered so late calls get a precise 410
 */
public record TicketLifetimes(@Nullable Duration pending, @Nullable Duration confirmed, @Nullable Duration tombstone) {

    public static final Duration DEFAULT_PENDING = Duration.ofSeconds(120);

    public static final Duration DEFAULT_CONFIRMED = Duration.ofSeconds(30);

    public static final Duration DEFAULT_TOMBSTONE = Duration.ofMinutes(5);

    public TicketLifetimes {
        pending = positiveOrDefault(pending, DEFAULT_PENDING, "pending");
        confirmed = positiveOrDefault(confirmed, DEFAULT_CONFIRMED, "confirmed");
        tombstone = positiveOrDefault(tombstone, DEFAULT_TOMBSTONE, "tombstone");
    }

    /** The defaults: pending 120 s, confirmed 30 s, tombstone 5 min. */
    public static TicketLifetimes defaults() {
        return new TicketLifetimes(null, null, null);
    }

    private static Duration positiveOrDefault(@Nullable Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.toMillis() <= 0) {
            throw new IllegalArgumentException("qrlogin.ticket." + name + " must be positive, was " + value);
        }
        return value;
    }
}
