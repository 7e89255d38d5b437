package io.qrlogin.scan.web;

import java.time.Instant;

import io.qrlogin.common.edge.ClientAddress;
import io.qrlogin.common.ticket.Ticket;
import io.qrlogin.common.ticket.TicketState;
import org.jspecify.annotations.Nullable;

/**
 * What the confirm screen shows after a scan.
 *
 * @param qrId the ticket
 * @param state {@code SCANNED}
 * @param expiresAt when the user's time to confirm runs out
 * @param request who is asking to sign in
 */
record ScanResponse(String qrId, TicketState state, Instant expiresAt, LoginRequest request) {

    /** The response for {@code ticket}, scanned by an app at {@code appIp}. */
    static ScanResponse of(Ticket ticket, String clientName, @Nullable String appIp) {
        LoginRequest request = new LoginRequest(ticket.clientId(), clientName, ticket.browser().ip(),
                ticket.browser().userAgent(), ticket.createdAt(), ClientAddress.sameNetwork(appIp, ticket.browser().ip()));
        return new ScanResponse(ticket.qrId(), ticket.state(), ticket.expiresAt(), request);
    }

    /**
     * The browser's request to sign in, as the edge saw it.
     *
     * @param clientId the client (site) the browser asked for
     * @param clientName its display name
     * @param ip the browser's IP address
     * @param userAgent the browser's {@code User-Agent}
     * @param requestedAt when the browser asked for the QR code
     * @param sameNetwork whether the phone and the browser seem to share a network: a hint, not proof
     */
    record LoginRequest(String clientId, String clientName, @Nullable String ip, @Nullable String userAgent,
            Instant requestedAt, boolean sameNetwork) {
    }
}
