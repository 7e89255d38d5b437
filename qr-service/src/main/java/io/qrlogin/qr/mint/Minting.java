package io.qrlogin.qr.mint;

import java.time.Duration;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.NumberMatching;
import io.qrlogin.core.client.Origins;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.engine.TicketCommands;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The browser's mint: checks the request's client and the page that asks, admits the mint while Redis has
 * room ({@link MintGuard}), and has the ticket minted ({@link TicketCommands#mint}).
 *
 * @param tickets the ticket commands
 * @param ids the fresh ticket ids
 * @param clients the registered clients and their origins
 * @param guard refuses new tickets while Redis is nearly full
 */
@Component
record Minting(TicketCommands tickets, QrIds ids, ClientRegistry clients, MintGuard guard) {

    /**
     * Mints a ticket for {@code request} from the browser the edge saw at {@code ip} with {@code userAgent}, asked
     * for by a page of {@code origin} ({@code null}: the caller is no browser). Fails with {@code unknown_client},
     * {@code forbidden}, or {@link Refused} while Redis is nearly full.
     */
    Mono<Minted> mint(MintRequest.Valid request, @Nullable String ip, @Nullable String userAgent,
            @Nullable String origin) {
        return Mono.defer(() -> {
            Client client = this.clients.require(request.clientId());
            BrowserContext browser = new BrowserContext(ip, userAgent, checkOrigin(client, origin));
            if (!this.guard.admits()) {
                return Mono.error(new Refused(this.guard.retryAfter()));
            }
            // on-risk is decided by the scan, which knows where the phone is.
            boolean numberMatching = client.numberMatching() == NumberMatching.ALWAYS;
            return this.tickets.mint(this.ids.next(), request.clientId(), request.codeChallenge(), browser,
                    numberMatching)
                .map((ticket) -> new Minted(ticket, client));
        });
    }

    /**
     * A browser says which page asks ({@code Origin}, which scripts cannot forge): a page that is not
     * one of the client's may not start a login in its name. Callers that are not browsers send none: the
     * ticket remembers that, and the confirm screen warns of it (a relay's server mints without one).
     *
     * @return the page's origin, normalised; {@code null} when the caller sent none
     */
    private static @Nullable String checkOrigin(Client client, @Nullable String origin) {
        if (origin == null) {
            return null;
        }
        return Origins.of(origin).filter(client::allowsOrigin).orElseThrow(() -> new QrLoginException(
                ProblemCode.FORBIDDEN, "This page's origin may not ask for this client's QR codes."));
    }

    /**
     * A minted ticket and the client it is for.
     *
     * @param ticket the new ticket
     * @param client its client
     */
    record Minted(Ticket ticket, Client client) {
    }

    /** A mint refused while Redis is nearly full, and how long the browser is told to wait. */
    static final class Refused extends QrLoginException {

        private final Duration retryAfter;

        Refused(Duration retryAfter) {
            super(ProblemCode.UNAVAILABLE,
                    "No new QR codes for a moment; retry after " + retryAfter.toSeconds() + " s.");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return this.retryAfter;
        }
    }
}
