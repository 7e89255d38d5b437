package io.qrlogin.session.redeem;

import java.time.Instant;

import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.testing.TransitionOutcomeContract;

/** A redeem's answer: the redeemed ticket, or the problem of the rejection. */
class RedeemOutcomesTest extends TransitionOutcomeContract {

    RedeemOutcomesTest() {
        super(RedeemOutcomes::redeemed, TestTickets.ticket().state(TicketState.REDEEMED).scannedBy(TestTickets.ALICE)
            .confirmedAt(Instant.EPOCH).build());
    }
}
