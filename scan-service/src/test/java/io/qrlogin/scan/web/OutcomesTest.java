package io.qrlogin.scan.web;

import java.time.Instant;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OutcomesTest {

    private final Ticket ticket = new Ticket(TestTickets.qrId(), TicketState.SCANNED, "web", "challenge",
            TestTickets.BROWSER, Instant.EPOCH, Instant.EPOCH.plusSeconds(120), Instant.EPOCH, TestTickets.ALICE, null);

    @Test
    void ticketWhenAppliedThenTheTicket() {
        assertThat(Outcomes.ticket(new Transition.Applied(this.ticket, true, false))).isSameAs(this.ticket);
    }

    @Test
    void ticketWhenRepeatedThenTheTicket() {
        assertThat(Outcomes.ticket(new Transition.Applied(this.ticket, false, false))).isSameAs(this.ticket);
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void ticketWhenRejectedThenTheProblemWithoutTheId(ProblemCode reason) {
        assertThatExceptionOfType(QrLoginException.class)
            .isThrownBy(() -> Outcomes.ticket(new Transition.Rejected(reason, this.ticket, false)))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(reason);
                assertThat(ex.getMessage()).endsWith(".").doesNotContain(this.ticket.qrId());
            });
    }

    @Test
    void wellFormedWhenIdHasTheShapeThenTheId() {
        assertThat(Outcomes.wellFormed(this.ticket.qrId())).isEqualTo(this.ticket.qrId());
    }

    @Test
    void wellFormedWhenIdMalformedThenInvalidRequest() {
        assertThatExceptionOfType(QrLoginException.class).isThrownBy(() -> Outcomes.wellFormed("../../etc/passwd"))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
    }
}
