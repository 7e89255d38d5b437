package io.qrlogin.session.redeem;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.support.web.Transitions;

/** Turns the store's answer to a redeem into the redeemed ticket, or the problem the browser gets. */
final class RedeemOutcomes {

    private RedeemOutcomes() {
    }

    /** The ticket the redeem moved to {@code REDEEMED}, or the problem a rejected redeem becomes. */
    static Ticket redeemed(Transition transition) {
        return Transitions.ticketOrProblem(transition, RedeemOutcomes::detail);
    }

    /** The ticket a decline cancelled (or had cancelled before), or the problem a rejected decline becomes. */
    static Ticket declined(Transition transition) {
        return redeemed(transition);
    }

    /** A sentence the browser may show; never the id. */
    static String detail(ProblemCode reason) {
        return switch (reason) {
            case QR_NOT_FOUND -> "There is no such QR code; ask for a new one.";
            case INVALID_VERIFIER -> "The code verifier does not match this QR code.";
            case QR_NOT_CONFIRMED -> "The login has not been confirmed on the phone yet.";
            case QR_ALREADY_REDEEMED -> "This login has already been used.";
            case QR_CANCELLED -> "This login was cancelled on the phone.";
            case QR_EXPIRED -> "This QR code has expired; ask for a new one.";
            default -> reason.title() + ".";
        };
    }
}
