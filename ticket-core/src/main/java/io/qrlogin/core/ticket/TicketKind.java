package io.qrlogin.core.ticket;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a ticket signs in, so the confirm screen can say it: a browser that shows the QR code, or a
 * device that has no browser of its own and polls the OpenID Provider (the device grant, RFC 8628).
 */
public enum TicketKind {

    /** A browser shows the QR code and redeems the ticket with its verifier. */
    BROWSER,

    /** A device (a TV, a command-line tool) shows the QR code or a user code and polls the provider. */
    DEVICE;

    /** The value in Redis and in JSON: {@code browser} or {@code device}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as {@code value}; a ticket stored without one (minted before kinds existed) is a browser's. */
    public static TicketKind fromValue(@Nullable String value) {
        return "device".equals(value) ? DEVICE : BROWSER;
    }
}
