package io.qrlogin.gateway.socket;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SocketMessagesTest {

    private static final String QR_ID = "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final SocketMessages messages = new SocketMessages(JsonMapper.builder().build());

    @Test
    void subscribeWhenDocumentedShapeThenTheRequest() {
        SubscribeRequest request = this.messages.subscribe(
                "{\"type\":\"subscribe\",\"qrId\":\"" + QR_ID + "\",\"codeVerifier\":\"" + VERIFIER + "\",\"extra\":1}");

        assertThat(request).isEqualTo(new SubscribeRequest(QR_ID, VERIFIER));
        assertThat(request.toString()).doesNotContain(VERIFIER).doesNotContain(QR_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not json", "null", "[]", "\"subscribe\"", "{}", "{\"type\":\"subscribe\"}",
            "{\"type\":\"Subscribe\",\"qrId\":\"" + QR_ID + "\",\"codeVerifier\":\"" + VERIFIER + "\"}",
            "{\"type\":\"subscribe\",\"qrId\":\"short\",\"codeVerifier\":\"" + VERIFIER + "\"}",
            "{\"type\":\"subscribe\",\"qrId\":\"" + QR_ID + "\",\"codeVerifier\":\"too-short\"}",
            "{\"type\":\"subscribe\",\"qrId\":\"" + QR_ID + "\",\"codeVerifier\":42}",
            "{\"type\":\"subscribe\",\"qrId\":[\"" + QR_ID + "\"],\"codeVerifier\":\"" + VERIFIER + "\"}",
            "{\"type\":\"subscribe\",\"qrId\":\"" + QR_ID + "\",\"codeVerifier\":\"" + VERIFIER + "\"" })
    void subscribeWhenAnyOtherShapeThenNull(String text) {
        assertThat(this.messages.subscribe(text)).isNull();
    }

    @Test
    void stateWhenScannedThenTheScannersNameOnly() {
        String qrId = TestTickets.qrId();

        assertThat(this.messages.state(Tickets.inState(qrId, TicketState.SCANNED))).isEqualTo("{\"type\":\"state\",\"qrId\":\""
                + qrId + "\",\"state\":\"SCANNED\",\"expiresAt\":\"2026-01-01T10:02:00Z\",\"scannedBy\":{\"name\":\"Alice Example\"}}");
    }

    @Test
    void stateWhenScannedWithNumberMatchingThenTheMatchCodeTheUserMustType() {
        Ticket ticket = withMatchCode(Tickets.inState(TestTickets.qrId(), TicketState.SCANNED), "42");

        assertThat(this.messages.state(ticket)).endsWith(",\"scannedBy\":{\"name\":\"Alice Example\"},\"matchCode\":\"42\"}");
    }

    @Test
    void stateWhenPastScannedThenNoMatchCode() {
        for (TicketState state : new TicketState[] { TicketState.CONFIRMED, TicketState.CANCELLED, TicketState.REDEEMED }) {
            Ticket ticket = withMatchCode(Tickets.inState(TestTickets.qrId(), state), "42");

            assertThat(this.messages.state(ticket)).as(state.name()).doesNotContain("matchCode").doesNotContain("42");
        }
    }

    @Test
    void stateWhenNobodyScannedThenNoScannedBy() {
        String qrId = TestTickets.qrId();

        assertThat(this.messages.state(Tickets.inState(qrId, TicketState.PENDING))).isEqualTo(
                "{\"type\":\"state\",\"qrId\":\"" + qrId + "\",\"state\":\"PENDING\",\"expiresAt\":\"2026-01-01T10:02:00Z\"}");
    }

    private static Ticket withMatchCode(Ticket ticket, String matchCode) {
        return new Ticket(ticket.qrId(), ticket.state(), ticket.clientId(), ticket.codeChallenge(), ticket.browser(),
                ticket.createdAt(), ticket.expiresAt(), ticket.updatedAt(), ticket.scannedBy(), ticket.confirmedAt(),
                true, matchCode);
    }

    @Test
    void errorThenTheStableCode() {
        assertThat(this.messages.error(ProblemCode.INVALID_VERIFIER)).isEqualTo("{\"type\":\"error\",\"code\":\"invalid_verifier\"}");
    }
}
