package io.qrlogin.session.redeem;

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

class RedeemOutcomesTest {

    private final Ticket ticket = new Ticket(TestTickets.qrId(), TicketState.REDEEMED, "web", "challenge",
            TestTickets.BROWSER, Instant.EPOCH, Instant.EPOCH.plusSeconds(30), Instant.EPOCH, TestTickets.ALICE,
            Instant.EPOCH);

    @Test
    void redeemedWhenAppliedThenTheTicket() {
        assertThat(RedeemOutcomes.redeemed(new Transition.Applied(this.ticket, true, false))).isSameAs(this.ticket);
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void redeemedWhenRejectedThenTheSameProblemWithoutTheId(ProblemCode reason) {
        assertThatExceptionOfType(QrLoginException.class)
            .isThrownBy(() -> RedeemOutcomes.redeemed(new Transition.Rejected(reason, this.ticket, false)))
            .satisfies((ex) -> {
                assertThat(ex.code()).isEqualTo(reason);
                assertThat(ex.getMessage()).endsWith(".").doesNotContain(this.ticket.qrId());
            });
    }
}
