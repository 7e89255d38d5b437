package io.qrlogin.gateway.socket;

import java.util.function.LongSupplier;

/**
 * How many frames a browser may send on one socket: a token bucket of {@code burst} frames that
 * refills one frame every {@code refillNanos}. A well-behaved browser sends one subscribe and answers
 * the gateway's pings; a flood of frames (pongs included, which no handler would otherwise see) ends the
 * socket before it costs the instance anything. Confined to the socket's inbound sequence: not
 * thread-safe.
 */
final class FrameBudget {

    private final int burst;

    private final long refillNanos;

    private final LongSupplier clock;

    private double tokens;

    private long last;

    FrameBudget(int burst, long refillNanos, LongSupplier clock) {
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.getAsLong();
    }

    /** Spends one frame; {@code false} once the browser has sent more than its budget. */
    boolean spend() {
        long now = this.clock.getAsLong();
        this.tokens = Math.min(this.burst, this.tokens + (double) (now - this.last) / this.refillNanos);
        this.last = now;
        if (this.tokens < 1) {
            return false;
        }
        this.tokens -= 1;
        return true;
    }
}
