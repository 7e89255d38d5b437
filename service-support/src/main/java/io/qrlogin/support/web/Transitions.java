package io.qrlogin.support.web;

import java.util.function.Function;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;

/**
 * A ticket command's answer as its caller gets it: the ticket, or the problem. Each API words the
 * problems for its own audience (the app, the browser), so the sentence comes from the caller.
 */
public final class Transitions {

    private Transitions() {
    }

    /**
     * The ticket after an applied command, or the problem a rejected one becomes, with the sentence
     * {@code detail} gives for its reason (never the ticket's id, which the reason does not carry).
     */
    public static Ticket ticketOrProblem(Transition transition, Function<ProblemCode, String> detail) {
        if (transition instanceof Transition.Applied applied) {
            return applied.ticket();
        }
        ProblemCode reason = ((Transition.Rejected) transition).reason();
        throw new QrLoginException(reason, detail.apply(reason));
    }
}
