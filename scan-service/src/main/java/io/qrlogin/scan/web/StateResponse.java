package io.qrlogin.scan.web;

import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;

/**
 * The state a confirm or cancel left the ticket in.
 *
 * @param qrId the ticket
 * @param state {@code CONFIRMED} or {@code CANCELLED}
 */
record StateResponse(String qrId, TicketState state) {

    static StateResponse of(Ticket ticket) {
        return new StateResponse(ticket.qrId(), ticket.state());
    }
}
