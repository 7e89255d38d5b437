package io.qrlogin.testing;

import io.qrlogin.core.ticket.TicketState;

import org.springframework.http.CacheControl;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The answer a service gives when a call moved a ticket, asserted the same way by every test. */
public final class TicketResponses {

    private TicketResponses() {
    }

    /**
     * Asserts that {@code response} is a never-cached success naming ticket {@code qrId} in {@code state};
     * returns the body for checks of its own.
     */
    public static WebTestClient.BodyContentSpec expectTicket(WebTestClient.ResponseSpec response, String qrId,
            TicketState state) {
        return response.expectStatus().isOk()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody()
            .jsonPath("$.qrId").isEqualTo(qrId)
            .jsonPath("$.state").isEqualTo(state.name());
    }
}
