package io.qrlogin.session.redeem;

import java.time.Instant;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.SessionLifetimes;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.session.events.SessionCommands;
import io.qrlogin.session.store.SessionDetails;
import io.qrlogin.session.token.SessionToken;
import io.qrlogin.session.token.SessionTokenIssuer;
import io.qrlogin.support.useragent.UserAgents;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What the browser that holds the verifier does with its ticket: redeem it for a session, or decline it.
 * The exchange is one atomic Redis script ({@link TicketCommands#redeem}), so a ticket yields at most one
 * token however many browsers race for it; the change is announced on the event stream before the token is
 * signed and the session recorded, with what its user is shown in the list of signed-in browsers, and its
 * start announced on the session stream ({@link SessionCommands#open}).
 *
 * @param tickets the ticket commands
 * @param issuer signs the session token
 * @param sessions records the session and announces its start
 * @param clients each client's session lifetimes
 * @param userAgents the browser and OS names the session is listed with
 */
@Component
record Redemptions(TicketCommands tickets, SessionTokenIssuer issuer, SessionCommands sessions, ClientRegistry clients,
        UserAgents userAgents) {

    /** The token of the session a confirmed ticket became, or the problem a rejected redeem becomes. */
    Mono<SessionToken> redeem(RedeemRequest.Valid request) {
        return this.tickets.redeem(request.qrId(), request.codeVerifier())
            .map(RedeemOutcomes::redeemed)
            .flatMap((ticket) -> {
                SessionToken token = this.issuer.issue(ticket);
                return this.sessions.open(token, details(ticket, token)).thenReturn(token);
            });
    }

    /** The ticket the browser's user refused, now cancelled, or the problem a rejected decline becomes. */
    Mono<Ticket> decline(RedeemRequest.Valid request) {
        return this.tickets.decline(request.qrId(), request.codeVerifier()).map(RedeemOutcomes::declined);
    }

    /** What the user is shown of the session, and how long it lasts by its client's settings. */
    private SessionDetails details(Ticket ticket, SessionToken token) {
        UserAgents.Described browser = this.userAgents.describe(ticket.browser().userAgent());
        SessionLifetimes lifetimes = this.clients.find(ticket.clientId()).map(Client::sessionLifetimes)
            .orElse(SessionLifetimes.DEFAULTS);
        Instant signedInAt = token.issuedAt();
        // Whether the phone was on the browser's network: the first scan's verdict, kept with the ticket.
        return new SessionDetails(browser.browser(), browser.os(), ticket.browser().ip(), ticket.sameNetwork(),
                signedInAt, signedInAt.plus(lifetimes.maxLifetime()), lifetimes.idleTimeout());
    }
}
