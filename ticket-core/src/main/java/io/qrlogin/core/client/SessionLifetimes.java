package io.qrlogin.core.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long a client's sessions last: a session ends when it has gone unused for {@code idleTimeout}, and
 * at {@code maxLifetime} after its sign-in however active it is. Tokens are shorter-lived and refreshed
 * (through the OpenID Provider); the session outlives them up to these limits.
 *
 * @param idleTimeout how long a session may go unused (no token of it used, no refresh) before it ends
 * @param maxLifetime how long after its sign-in a session ends at the latest
 */
public record SessionLifetimes(Duration idleTimeout, Duration maxLifetime) {

    /**
     * Two hours unused, twelve hours in all: a browser left alone for an afternoon signs in again, and no
     * session spans two working days.
     */
    public static final SessionLifetimes DEFAULTS = new SessionLifetimes(Duration.ofHours(2), Duration.ofHours(12));

    public SessionLifetimes {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("Session lifetimes must be positive, were " + idleTimeout + " and "
                    + maxLifetime);
        }
    }

    /** The configured lifetimes of a client ({@code prefix} names it in messages), each defaulting on its own. */
    static SessionLifetimes of(String prefix, @Nullable Duration idleTimeout, @Nullable Duration maxLifetime) {
        Duration idle = (idleTimeout != null) ? idleTimeout : DEFAULTS.idleTimeout();
        Duration max = (maxLifetime != null) ? maxLifetime : DEFAULTS.maxLifetime();
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException(prefix + ".session-idle-timeout must be positive");
        }
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException(prefix + ".session-max-lifetime must be positive");
        }
        return new SessionLifetimes(idle, max);
    }
}
