package io.qrlogin.scan.web;

import java.time.Instant;

import java.util.List;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.NumberMatching;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.support.useragent.UserAgents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanResponseTest {

    private static final Client WEB = new Client("web", "Web", List.of("https://web.example.com"), "web",
            NumberMatching.ON_RISK);

    private static final UserAgents.Described CHROME_ON_LINUX = new UserAgents.Described("Chrome 140", "Linux");

    @Test
    void ofThenTheConfirmScreenContext() {
        Ticket ticket = ticket(TestTickets.BROWSER, false);

        ScanResponse response = ScanResponse.of(ticket, WEB, CHROME_ON_LINUX, "203.0.113.7");

        assertThat(response.qrId()).isEqualTo(ticket.qrId());
        assertThat(response.state()).isEqualTo(TicketState.SCANNED);
        assertThat(response.expiresAt()).isEqualTo(ticket.expiresAt());
        assertThat(response.numberMatching()).isFalse();
        assertThat(response.request()).isEqualTo(new ScanResponse.LoginRequest("web", "Web",
                "https://web.example.com", "203.0.113.7", TestTickets.BROWSER.userAgent(), "Chrome 140", "Linux",
                ticket.createdAt(), true, "browser"));
        assertThat(response.risk()).isEqualTo(new ScanResponse.Risk(false, true));
    }

    @Test
    void ofWhenMintedFromAPageThenItsOriginAndNoOriginRisk() {
        BrowserContext page = new BrowserContext("203.0.113.7", "Firefox", "https://hr.example.com");
        ScanResponse response = ScanResponse.of(ticket(page, false), WEB, CHROME_ON_LINUX, "203.0.113.7");
        assertThat(response.request().origin()).isEqualTo("https://hr.example.com");
        assertThat(response.risk()).isEqualTo(new ScanResponse.Risk(false, false));
    }

    @Test
    void ofWhenTheClientIsNoLongerRegisteredThenItsIdForItsName() {
        ScanResponse response = ScanResponse.of(ticket(TestTickets.BROWSER, false), null, CHROME_ON_LINUX, null);
        assertThat(response.request().clientName()).isEqualTo("web");
        assertThat(response.request().origin()).isNull();
    }

    @Test
    void ofWhenTheUserAgentCarriesMarkupAndControlsThenTheScreenGetsItSanitised() {
        BrowserContext hostile = new BrowserContext("203.0.113.7",
                "<img src=x onerror=alert(1)>\u202e\u0000Chrome\r\nX-Evil: 1" + "A".repeat(400));
        String shown = ScanResponse.of(ticket(hostile, false), WEB, CHROME_ON_LINUX, null).request().userAgent();
        assertThat(shown).hasSizeLessThanOrEqualTo(UserAgents.MAX_SHOWN_LENGTH).matches("[\\x20-\\x7e]*")
            .startsWith("<img src=x onerror=alert(1)>??Chrome??X-Evil: 1").endsWith("...");
    }

    @Test
    void ofWhenADevicesTicketThenTheRequestIsADevices() {
        Ticket device = TestTickets.ticket().state(TicketState.SCANNED).clientId("cli").kind(TicketKind.DEVICE)
            .scannedBy(TestTickets.ALICE).build();

        assertThat(ScanResponse.of(device, null, CHROME_ON_LINUX, null).request().kind())
            .isEqualTo("device");
    }

    @Test
    void ofWhenTheTicketRequiresNumberMatchingThenSaysSoButNeverTheCode() {
        ScanResponse response = ScanResponse.of(ticket(TestTickets.BROWSER, true), WEB, CHROME_ON_LINUX, null);

        assertThat(response.numberMatching()).isTrue();
        assertThat(response.toString()).doesNotContain("42");
    }

    @Test
    void ofWhenAppOnAnotherNetworkThenNotSameNetworkAndANetworkMismatch() {
        ScanResponse response = ScanResponse.of(ticket(TestTickets.BROWSER, false), WEB, CHROME_ON_LINUX,
                "198.51.100.9");
        assertThat(response.request().sameNetwork()).isFalse();
        assertThat(response.risk().networkMismatch()).isTrue();
    }

    @Test
    void ofWhenAddressesUnknownThenNotSameNetwork() {
        assertThat(ScanResponse.of(ticket(new BrowserContext(null, null), false), WEB,
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
