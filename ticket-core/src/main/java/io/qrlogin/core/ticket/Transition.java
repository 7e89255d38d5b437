package io.qrlogin.core.ticket;

import io.qrlogin.core.problem.ProblemCode;
import org.jspecify.annotations.Nullable;

/** The outcome of a command on a ticket: a value, not an exception. */
public sealed interface Transition {

    /**
     * Whether this call moved the ticket to {@link TicketState#EXPIRED} because its time had run
     * out. Exactly one call observes this per ticket, so that caller publishes the event.
     */
    boolean expiredNow();

    /**
     * The command was accepted.
     *
     * @param ticket the ticket after the command
     * @param changed {@code false} when the command was a repeat of one already applied (no event)
     * @param expiredNow see {@link Transition#expiredNow()}
     */
    record Applied(Ticket ticket, boolean changed, boolean expiredNow) implements Transition {
    }

    /**
     * The command was refused; nothing changed (beyond an expiry that was due anyway).
     *
     * @param reason the problem the caller gets
     * @param ticket the ticket as it stands, or {@code null} when there is none
     * @param expiredNow see {@link Transition#expiredNow()}
     */
    record Rejected(ProblemCode reason, @Nullable Ticket ticket, boolean expiredNow) implements Transition {
    }
}
