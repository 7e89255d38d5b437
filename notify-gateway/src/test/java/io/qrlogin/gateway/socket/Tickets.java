package io.qrlogin.gateway.socket;

import java.time.Instant;

import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;

/** Tickets as the store would return them, for tests that need no Redis. */
final class Tickets {

    static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

    static final Instant EXPIRES = Instant.parse("2026-01-01T10:02:00Z");

    private Tickets() {
    }

    /** Ticket {@code qrId} in {@code state}: scanned by Alice from {@code SCANNED} on. */
    static Ticket inState(String qrId, TicketState state) {
        boolean scanned = state != TicketState.PENDING && state != TicketState.EXPIRED;
        return new Ticket(qrId, state, "web", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", TestTickets.BROWSER,
                CREATED, EXPIRES, CREATED.plusSeconds(state.ordinal()), scanned ? TestTickets.ALICE : null,
                (state == TicketState.CONFIRMED) ? CREATED.plusSeconds(2) : null);
    }
}
