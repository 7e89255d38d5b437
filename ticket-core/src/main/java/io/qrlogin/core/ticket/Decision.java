package io.qrlogin.core.ticket;

import io.qrlogin.core.problem.ProblemCode;

/** What {@link TransitionRules} decide for a command on a ticket in a given state. */
public sealed interface Decision {

    /** Move the ticket to {@code target}. */
    record Apply(TicketState target) implements Decision {
    }

    /** A repeated request by the same caller: answer with the current state, change nothing. */
    record Keep() implements Decision {
    }

    /** Refuse, with the problem the caller gets. */
    record Reject(ProblemCode reason) implements Decision {
    }
}
