package io.qrlogin.core.ticket;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketKindTest {

    @Test
    void kindWhenStoredValueIsDeviceThenDeviceAndOtherwiseBrowser() {
        assertThat(TicketKind.fromValue("device")).isEqualTo(TicketKind.DEVICE);
        assertThat(TicketKind.fromValue("browser")).isEqualTo(TicketKind.BROWSER);
        // Tickets minted before kinds existed carry none: they are browsers'.
        assertThat(TicketKind.fromValue(null)).isEqualTo(TicketKind.BROWSER);
        assertThat(TicketKind.DEVICE.value()).isEqualTo("device");
        assertThat(TicketKind.BROWSER.value()).isEqualTo("browser");
    }

    @Test
    void ticketWithoutAKindIsABrowsersTicket() {
        Ticket ticket = new Ticket("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", TicketState.PENDING, "web", "challenge",
                new BrowserContext(null, null), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null);
        assertThat(ticket.kind()).isEqualTo(TicketKind.BROWSER);
        assertThat(ticket.toString()).contains("kind=browser");
    }
}
