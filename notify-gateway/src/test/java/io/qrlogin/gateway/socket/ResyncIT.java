package io.qrlogin.gateway.socket;

import java.time.Duration;

import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.engine.testing.RedisTickets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.socket.CloseStatus;

import static io.qrlogin.testing.TestTickets.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes whose events never come (lost by a broker outage, stuck in a frozen broker): a real gateway
 * finds them by re-reading the tickets its sockets follow, on its own timer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.gateway.allowed-origins=" + ResyncIT.ORIGIN, "qrlogin.gateway.resync.interval=1s" })
class ResyncIT extends LiveGateway {

    /** The re-read interval configured above, and a margin for the read and the push on a busy machine. */
    private static final Duration WITHIN_ONE_RESYNC = Duration.ofSeconds(1).plusSeconds(2);

    @Test
    void ticketMovesWithoutAnyEventThenTheBrowserHearsEachStateWithinOneResyncIntervalAndTheSocketCloses() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);

            this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
            await().atMost(WITHIN_ONE_RESYNC).until(() -> browser.states().size() == 2);
            this.store.confirm(ticket.qrId(), ALICE, null).block();
            await().atMost(WITHIN_ONE_RESYNC).until(() -> browser.closeStatus() != null);

            assertThat(browser.closeStatus().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
            assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
        }
    }
}
