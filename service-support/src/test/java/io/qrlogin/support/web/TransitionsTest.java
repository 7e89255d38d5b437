package io.qrlogin.support.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransitionsTest {

    private final Ticket ticket = TestTickets.ticket().state(TicketState.SCANNED).build();

    @Test
    void ticketOrProblemWhenAppliedThenTheTicket() {
        assertThat(Transitions.ticketOrProblem(new Transition.Applied(this.ticket, true, false), ProblemCode::title))
            .isSameAs(this.ticket);
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void ticketOrProblemWhenRejectedThenTheProblemWithTheCallersSentence(ProblemCode reason) {
        assertThatExceptionOfType(QrLoginException.class)
            .isThrownBy(() -> Transitions.ticketOrProblem(new Transition.Rejected(reason, this.ticket, false),
                    (code) -> "Sentence for " + code.code() + "."))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(reason);
                assertThat(ex.getMessage()).isEqualTo("Sentence for " + reason.code() + ".");
            });
    }
}
