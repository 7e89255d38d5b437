package io.qrlogin.scan.web;

import java.time.Instant;

import io.qrlogin.support.web.ClientAddress;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.jspecify.annotations.Nullable;

/**
 * What the confirm screen shows after a scan.
 *
 * @param qrId the ticket
 * @param state {@code SCANNED}
 * @param expiresAt when the user's time to confirm runs out
 * @param numberMatching whether the confirm must carry the two-digit code the browser now shows: the app asks
 * the user to type it (the code itself is never sent to the app)
 * @param request who is asking to sign in
 */
record ScanResponse(String qrId, TicketState state, Instant expiresAt, boolean numberMatching, LoginRequest request) {

    /** The response for {@code ticket}, scanned by an app at {@code appIp}. */
    static ScanResponse of(Ticket ticket, String clientName, UserAgents.Described described, @Nullable String appIp) {
        LoginRequest request = new LoginRequest(ticket.clientId(), clientName, ticket.browser().ip(),
                ticket.browser().userAgent(), described.browser(), described.os(), ticket.createdAt(),
                ClientAddress.sameNetwork(appIp, ticket.browser().ip()), ticket.kind().value());
        return new ScanResponse(ticket.qrId(), ticket.state(), ticket.expiresAt(), ticket.numberMatching(), request);
    }

    /**
     * The browser's request to sign in, as the edge saw it.
     *
     * @param clientId the client (site) the browser asked for
     * @param clientName its registered name
     * @param ip the browser's IP address
     * @param userAgent the browser's {@code User-Agent}
     * @param browser the browser the {@code User-Agent} names, e.g. "Chrome 140", if it names one
     * @param os the operating system it names, e.g. "Windows 10", if it names one
     * @param requestedAt when the browser asked for the QR code
     * @param sameNetwork whether the phone and the browser seem to share a network: a hint, not proof
     * @param kind {@code browser}, or {@code device} when a device without a browser of its own (a TV, a
     * command-line tool) asks to sign in to the client through the OpenID Provider's device grant; then
     * {@code ip} and {@code userAgent} are the device's
     */
    record LoginRequest(String clientId, String clientName, @Nullable String ip, @Nullable String userAgent,
            @Nullable String browser, @Nullable String os, Instant requestedAt, boolean sameNetwork, String kind) {
    }
}
