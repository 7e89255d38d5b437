package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.testing.TransitionOutcomeContract;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The scan API's answers: the ticket of an applied or repeated transition, the problem of a rejection. */
class OutcomesTest extends TransitionOutcomeContract {

    OutcomesTest() {
        super(Outcomes::ticket, TestTickets.ticket().state(TicketState.SCANNED).scannedBy(TestTickets.ALICE).build());
    }

    @Test
    void ticketWhenRepeatedThenTheTicket() {
        assertThat(Outcomes.ticket(new Transition.Applied(ticket(), false, false))).isSameAs(ticket());
    }

    @Test
    void wellFormedWhenIdHasTheShapeThenTheId() {
        assertThat(Outcomes.wellFormed(ticket().qrId())).isEqualTo(ticket().qrId());
    }

    @Test
    void wellFormedWhenIdMalformedThenInvalidRequest() {
        assertThatExceptionOfType(QrLoginException.class).isThrownBy(() -> Outcomes.wellFormed("../../etc/passwd"))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
    }
}
