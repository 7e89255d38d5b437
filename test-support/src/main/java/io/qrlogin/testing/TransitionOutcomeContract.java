package io.qrlogin.testing;

import java.util.function.Function;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every service's translation of a ticket transition into its answer keeps, as an inherited test: an
 * applied transition answers with its ticket, a rejection with the problem of its reason, in a sentence that
 * never names the ticket's id (a whole QR id is a secret).
 */
public abstract class TransitionOutcomeContract {

    private final Function<Transition, Ticket> outcome;

    private final Ticket ticket;

    /** The contract of {@code outcome}, for transitions of {@code ticket}. */
    protected TransitionOutcomeContract(Function<Transition, Ticket> outcome, Ticket ticket) {
        this.outcome = outcome;
        this.ticket = ticket;
    }

    /** The ticket the transitions carry. */
    protected final Ticket ticket() {
        return this.ticket;
    }

    @Test
    void whenAppliedThenTheTicket() {
        assertThat(this.outcome.apply(new Transition.Applied(this.ticket, true, false))).isSameAs(this.ticket);
    }

    @ParameterizedTest(name = "rejected as {0}")
    @EnumSource(ProblemCode.class)
    void whenRejectedThenTheProblemOfItsReasonWithoutTheId(ProblemCode reason) {
        assertThatExceptionOfType(QrLoginException.class)
            .isThrownBy(() -> this.outcome.apply(new Transition.Rejected(reason, this.ticket, false)))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(reason);
                assertThat(ex.getMessage()).endsWith(".").doesNotContain(this.ticket.qrId());
            });
    }
}
