package io.qrlogin.scan.web;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.NumberMatching;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.MatchCodes;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.support.web.ClientAddress;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The app's scan of a ticket, however it named the ticket (its QR code, or a device's user code): a fresh
 * match code, one atomic scan ({@link TicketCommands#scan}), and the confirm screen for where the app calls
 * from ({@link ScanResponses#scanned}).
 *
 * @param tickets the ticket commands
 * @param matchCodes the code a scan gives a ticket that requires number matching
 * @param clients each client's {@code number-matching} setting
 * @param responses the confirm screen
 */
@Component
record Scans(TicketCommands tickets, MatchCodes matchCodes, ClientRegistry clients, ScanResponses responses) {

    /**
     * Scans the ticket of a scanned QR code. The browser's address never changes after the mint, so reading
     * the ticket first decides nothing that a concurrent call could change; the scan itself stays one atomic
     * step.
     */
    Mono<ResponseEntity<ScanResponse>> qrCode(String qrId, AppUser user, ServerHttpRequest request) {
        String appIp = this.responses.appIp(request);
        // Used only if this scan is the first of a ticket that requires number matching.
        String matchCode = this.matchCodes.next();
        return Outcomes.after(qrId, (id) -> this.tickets.find(id)
            .map((found) -> new Network(requiresNumberMatching(found, appIp),
                    ClientAddress.sameNetwork(appIp, found.browser().ip())))
            .defaultIfEmpty(new Network(false, null))
            .flatMap((network) -> this.tickets.scan(id, user, matchCode, network.numberMatching(),
                    network.sameNetwork())))
            .map((ticket) -> this.responses.scanned(ticket, appIp));
    }

    /**
     * Scans a device's ticket, found by its user code: never with number matching (a device has no socket to
     * show a code on), and without judging the network.
     */
    Mono<ResponseEntity<ScanResponse>> device(Mono<String> qrId, AppUser user, ServerHttpRequest request) {
        String appIp = this.responses.appIp(request);
        String matchCode = this.matchCodes.next();
        return qrId.flatMap((id) -> this.tickets.scan(id, user, matchCode))
            .map(Outcomes::ticket)
            .map((ticket) -> this.responses.scanned(ticket, appIp));
    }

    /**
     * What the scan decides from where the app and the browser are: whether number matching is required, and
     * whether they share a network (kept with the ticket for the list of signed-in browsers; {@code null} when
     * the ticket was not found, so nothing was judged).
     */
    private record Network(boolean numberMatching, @Nullable Boolean sameNetwork) {
    }

    /**
     * The client's {@code number-matching} setting applied to where the app and the browser are. Never for a
     * device's ticket: a device polls the token endpoint and has no socket to show a code on.
     */
    private boolean requiresNumberMatching(Ticket ticket, @Nullable String appIp) {
        if (ticket.kind() == TicketKind.DEVICE) {
            return false;
        }
        NumberMatching mode = this.clients.find(ticket.clientId()).map(Client::numberMatching)
            .orElse(NumberMatching.DEFAULT);
        return mode.required(!ClientAddress.sameNetwork(appIp, ticket.browser().ip()));
    }
}
