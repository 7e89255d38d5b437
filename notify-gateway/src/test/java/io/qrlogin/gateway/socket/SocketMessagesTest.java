package io.qrlogin.gateway.socket;

import io.qrlogin.common.problem.ProblemCode;
import io.qrlogin.common.test.TestTickets;
import io.qrlogin.common.ticket.TicketState;
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
    void stateWhenNobodyScannedThenNoScannedBy() {
        String qrId = TestTickets.qrId();

        assertThat(this.messages.state(Tickets.inState(qrId, TicketState.PENDING))).isEqualTo(
                "{\"type\":\"state\",\"qrId\":\"" + qrId + "\",\"state\":\"PENDING\",\"expiresAt\":\"2026-01-01T10:02:00Z\"}");
    }

    @Test
    void errorThenTheStableCode() {
        assertThat(this.messages.error(ProblemCode.INVALID_VERIFIER)).isEqualTo("{\"type\":\"error\",\"code\":\"invalid_verifier\"}");
    }
}
