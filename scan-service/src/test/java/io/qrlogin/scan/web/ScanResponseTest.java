package io.qrlogin.scan.web;

import java.time.Instant;

import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanResponseTest {

    private static final UserAgents.Described CHROME_ON_LINUX = new UserAgents.Described("Chrome 140", "Linux");

    @Test
    void ofThenTheConfirmScreenContext() {
        Ticket ticket = ticket(TestTickets.BROWSER, false);

        ScanResponse response = ScanResponse.of(ticket, "Web", CHROME_ON_LINUX, "203.0.113.7");

        assertThat(response.qrId()).isEqualTo(ticket.qrId());
        assertThat(response.state()).isEqualTo(TicketState.SCANNED);
        assertThat(response.expiresAt()).isEqualTo(ticket.expiresAt());
        assertThat(response.numberMatching()).isFalse();
        assertThat(response.request()).isEqualTo(new ScanResponse.LoginRequest("web", "Web", "203.0.113.7",
                TestTickets.BROWSER.userAgent(), "Chrome 140", "Linux", ticket.createdAt(), true, "browser"));
    }

    @Test
    void ofWhenADevicesTicketThenTheRequestIsADevices() {
        Ticket device = TestTickets.ticket().state(TicketState.SCANNED).clientId("cli").kind(TicketKind.DEVICE)
            .scannedBy(TestTickets.ALICE).build();

        assertThat(ScanResponse.of(device, "Command-line tools", CHROME_ON_LINUX, null).request().kind())
            .isEqualTo("device");
    }

    @Test
    void ofWhenTheTicketRequiresNumberMatchingThenSaysSoButNeverTheCode() {
        ScanResponse response = ScanResponse.of(ticket(TestTickets.BROWSER, true), "Web", CHROME_ON_LINUX, null);

        assertThat(response.numberMatching()).isTrue();
        assertThat(response.toString()).doesNotContain("42");
    }

    @Test
    void ofWhenAppOnAnotherNetworkThenNotSameNetwork() {
        assertThat(ScanResponse.of(ticket(TestTickets.BROWSER, false), "Web", CHROME_ON_LINUX, "198.51.100.9").request()
            .sameNetwork()).isFalse();
    }

    @Test
    void ofWhenAddressesUnknownThenNotSameNetwork() {
        assertThat(ScanResponse.of(ticket(new BrowserContext(null, null), false), "Web",
                new UserAgents.Described(null, null), null).request().sameNetwork()).isFalse();
    }

    private static Ticket ticket(BrowserContext browser, boolean numberMatching) {
        // No digits in the id: the code must not be found in the answer, not even by chance.
        return new Ticket("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", TicketState.SCANNED, "web", "challenge", browser,
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:02:00Z"),
                Instant.parse("2026-01-01T10:00:05Z"), TestTickets.ALICE, null, numberMatching,
                numberMatching ? "42" : null);
    }
}
