package io.qrlogin.gateway.socket;

import java.util.Map;

import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.socket.CloseStatus;

import static io.qrlogin.testing.TestTickets.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket of registered clients: their origins may open it, and a number-matching ticket's browser
 * is shown the code the user must type, pushed with {@code SCANNED} and in the snapshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.clients.web.name=Web", "qrlogin.clients.web.origins=" + NumberMatchingSocketIT.WEB,
        "qrlogin.clients.payroll.name=Payroll", "qrlogin.clients.payroll.origins=" + NumberMatchingSocketIT.PAYROLL,
        "qrlogin.clients.payroll.number-matching=true" })
class NumberMatchingSocketIT extends LiveGateway {

    static final String WEB = "https://login.example.com";

    static final String PAYROLL = "https://payroll.example.com";

    @Test
    void scannedPushOfANumberMatchingTicketCarriesTheMatchCodeAndNothingAfterItDoes() {
        Ticket ticket = this.store.mint(TestTickets.qrId(), "payroll", Pkce.s256(this.verifier), TestTickets.BROWSER, true)
            .block();
        try (TestBrowser browser = TestBrowser.subscribe(this.port, PAYROLL, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);
            assertThat(browser.messages().get(0)).containsEntry("state", "PENDING").doesNotContainKey("matchCode");

            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, "42"));
            await().until(() -> browser.states().size() == 2);
            assertThat(browser.messages().get(1)).containsEntry("state", "SCANNED").containsEntry("matchCode", "42")
                .containsEntry("scannedBy", Map.of("name", ALICE.name()));

            moveAndAnnounce(this.store.confirm(ticket.qrId(), ALICE, "42"));
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
            assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
            assertThat(browser.messages().get(2)).doesNotContainKey("matchCode");
        }
    }

    @Test
    void snapshotOfAScannedNumberMatchingTicketCarriesTheMatchCode() {
        Ticket ticket = this.store.mint(TestTickets.qrId(), "payroll", Pkce.s256(this.verifier), TestTickets.BROWSER, true)
            .block();
        this.store.scan(ticket.qrId(), ALICE, "37").block();
        try (TestBrowser browser = TestBrowser.subscribe(this.port, PAYROLL, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);
            assertThat(browser.messages().get(0)).containsEntry("state", "SCANNED").containsEntry("matchCode", "37");
        }
    }

    @Test
    void scannedPushOfATicketWithoutNumberMatchingCarriesNoMatchCode() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, WEB, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);
            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, "42"));
            await().until(() -> browser.states().size() == 2);
            assertThat(browser.messages().get(1)).containsEntry("state", "SCANNED").doesNotContainKey("matchCode");
        }
    }

    @Test
    void wrongMatchCodeOnThePhoneThenTheBrowserIsToldCancelled() {
        Ticket ticket = this.store.mint(TestTickets.qrId(), "payroll", Pkce.s256(this.verifier), TestTickets.BROWSER, true)
            .block();
        try (TestBrowser browser = TestBrowser.subscribe(this.port, PAYROLL, ticket.qrId(), this.verifier)) {
            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, "42"));
            Transition refused = this.store.confirm(ticket.qrId(), ALICE, "24").block();
            // As scan-service announces a mismatch: the cancel it caused.
            this.events.publish(TicketEvent.reached(((Transition.Rejected) refused).ticket()))
                .block();
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
            assertThat(browser.states()).endsWith("CANCELLED");
        }
    }

    @Test
    void socketFromEveryRegisteredClientsOriginOpensAndFromNoOtherOrigin() {
        for (String origin : new String[] { WEB, PAYROLL, "http://localhost:8080" }) {
            Ticket ticket = RedisTickets.pending(this.store, this.verifier);
            try (TestBrowser browser = TestBrowser.subscribe(this.port, origin, ticket.qrId(), this.verifier)) {
                await().until(() -> browser.states().size() == 1);
            }
        }
        try (TestBrowser browser = TestBrowser.open(this.port, "https://payroll.example.com.evil.example")) {
            assertThat(browser.awaitFailure()).hasMessageContaining("403");
        }
    }
}
