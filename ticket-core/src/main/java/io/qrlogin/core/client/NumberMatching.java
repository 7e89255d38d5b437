package io.qrlogin.core.client;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * When a client's logins require number matching: the user types, on the phone, the two-digit code the
 * browser shows after the scan ({@code qrlogin.clients.<id>.number-matching}).
 *
 * <p>Number matching proves that the person at the phone sees the browser's screen. It does not stop a live
 * relay (the attacker's server holds the verifier and sees the code too, and can pass it on to the victim's
 * page); what it stops is a user confirming a code shown on a screen they are not looking at. Requiring it
 * when the app and the browser are on different networks makes a relay cost one more step the victim can
 * notice, while a user at their own desk is not asked for it.
 */
public enum NumberMatching {

    /** Every login. */
    ALWAYS,
    /** Only when the app's and the browser's networks differ (see {@link #required(boolean)}). */
    ON_RISK,
    /** Never. */
    NEVER;

    /** The value of a client that sets none. */
    public static final NumberMatching DEFAULT = ON_RISK;

    /** Whether a login whose app and browser are {@code networkMismatch} must match numbers. */
    public boolean required(boolean networkMismatch) {
        return switch (this) {
            case ALWAYS -> true;
            case ON_RISK -> networkMismatch;
            case NEVER -> false;
        };
    }

    /**
     * The setting {@code value} names: {@code always}, {@code on-risk} or {@code never} (any case,
     * {@code on_risk} too), and, as the setting once was a switch, {@code true} for {@code always} and
     * {@code false} for {@code never}; {@link #DEFAULT} when unset.
     *
     * @param property the property's name, for the message when {@code value} names nothing
     */
    public static NumberMatching parse(@Nullable String value, String property) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "always", "true" -> ALWAYS;
            case "on-risk" -> ON_RISK;
            case "never", "false" -> NEVER;
            default -> throw new IllegalArgumentException(property + " must be always, on-risk or never, was '"
                    + value + "'");
        };
    }

    /** The setting's value as written in configuration. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
