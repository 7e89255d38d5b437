package io.qrlogin.scan.web;

import java.time.Instant;

import io.qrlogin.common.test.TestTickets;
import io.qrlogin.common.ticket.BrowserContext;
import io.qrlogin.common.ticket.Ticket;
import io.qrlogin.common.ticket.TicketState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanResponseTest {

    @Test
    void ofThenTheConfirmScreenContext() {
        Ticket ticket = ticket(TestTickets.BROWSER);

        ScanResponse response = ScanResponse.of(ticket, "Web", "203.0.113.7");

        assertThat(response.qrId()).isEqualTo(ticket.qrId());
        assertThat(response.state()).isEqualTo(TicketState.SCANNED);
        assertThat(response.expiresAt()).isEqualTo(ticket.expiresAt());
        assertThat(response.request()).isEqualTo(new ScanResponse.LoginRequest("web", "Web", "203.0.113.7",
                TestTickets.BROWSER.userAgent(), ticket.createdAt(), true));
    }

    @Test
    void ofWhenAppOnAnotherNetworkThenNotSameNetwork() {
        assertThat(ScanResponse.of(ticket(TestTickets.BROWSER), "Web", "198.51.100.9").request().sameNetwork()).isFalse();
    }

    @Test
    void ofWhenAddressesUnknownThenNotSameNetwork() {
        assertThat(ScanResponse.of(ticket(new BrowserContext(null, null)), "Web", null).request().sameNetwork()).isFalse();
    }

    private static Ticket ticket(BrowserContext browser) {
        return new Ticket(TestTickets.qrId(), TicketState.SCANNED, "web", "challenge", browser,
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:02:00Z"),
                Instant.parse("2026-01-01T10:00:05Z"), TestTickets.ALICE, null);
    }
}
