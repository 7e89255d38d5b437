package io.qrlogin.scan.web;

import java.time.Instant;

import io.qrlogin.core.client.Client;
import io.qrlogin.support.web.ClientAddress;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.support.useragent.UserAgents;
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
 * @param risk what makes this login look like a relay, for the app to warn about or act on
 */
record ScanResponse(String qrId, TicketState state, Instant expiresAt, boolean numberMatching, LoginRequest request,
        Risk risk) {

    /**
     * The response for {@code ticket}, scanned by an app at {@code appIp}.
     *
     * @param client the client the ticket is for, {@code null} if it is no longer registered
     */
    static ScanResponse of(Ticket ticket, @Nullable Client client, UserAgents.Described described,
            @Nullable String appIp) {
        boolean sameNetwork = ClientAddress.sameNetwork(appIp, ticket.browser().ip());
        LoginRequest request = new LoginRequest(ticket.clientId(), (client != null) ? client.name() : ticket.clientId(),
                origin(ticket, client), ticket.browser().ip(), UserAgents.sanitize(ticket.browser().userAgent()),
                described.browser(), described.os(), ticket.createdAt(), sameNetwork, ticket.kind().value());
        Risk risk = new Risk(!sameNetwork, ticket.browser().origin() == null);
        return new ScanResponse(ticket.qrId(), ticket.state(), ticket.expiresAt(), ticket.numberMatching(), request,
                risk);
    }

    /**
     * The site the user should see in their browser's address bar: the page's origin when the mint came from one
     * (checked against the client's registered origins), else the client's first registered origin.
     */
    private static @Nullable String origin(Ticket ticket, @Nullable Client client) {
        if (ticket.browser().origin() != null) {
            return ticket.browser().origin();
        }
        return (client != null && !client.origins().isEmpty()) ? client.origins().get(0) : null;
    }

    /**
     * Signs of a relayed login (an attacker's server mints the code and shows it on the victim's screen, then
     * redeems it once the victim confirms): neither is proof, either is worth a warning.
     *
     * @param networkMismatch the phone and the browser do not share a network (the same IPv4 address, as behind
     * one NAT, or the same IPv6 /64), or either address is unknown; with the client's {@code on-risk} setting, number matching is then required
     * @param mintedWithoutOrigin the code was asked for without an {@code Origin} header, which every browser
     * sends: a server or a script minted it, not a page of the client's
     */
    record Risk(boolean networkMismatch, boolean mintedWithoutOrigin) {
    }

    /**
     * The browser's request to sign in, as the edge saw it.
     *
     * @param clientId the client (site) the browser asked for
     * @param clientName its registered name
     * @param origin the site the sign-in is for: the page's origin, else the client's registered one
     * @param ip the browser's IP address
     * @param userAgent the {@code User-Agent} as the browser reported it (anyone can send any): printable ASCII
     * only, at most {@value UserAgents#MAX_SHOWN_LENGTH} characters; show it as text, labelled as reported, and
     * prefer {@code browser} and {@code os}
     * @param browser the browser the {@code User-Agent} names, e.g. "Chrome 140", if it names one
     * @param os the operating system it names, e.g. "Windows 10", if it names one
     * @param requestedAt when the browser asked for the QR code
     * @param sameNetwork whether the phone and the browser seem to share a network: a hint, not proof
     * @param kind {@code browser}, or {@code device} when a device without a browser of its own (a TV, a
     * command-line tool) asks to sign in to the client through the OpenID Provider's device grant; then
     * {@code ip} and {@code userAgent} are the device's
     */
    record LoginRequest(String clientId, String clientName, @Nullable String origin, @Nullable String ip,
            @Nullable String userAgent, @Nullable String browser, @Nullable String os, Instant requestedAt,
            boolean sameNetwork, String kind) {
    }
}
