package io.qrlogin.engine.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TicketEventCodecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TicketEventCodec codec = new TicketEventCodec(JSON);

    private final String qrId = TestTickets.qrId();

    private final String hash = QrIds.hash(this.qrId);

    @ParameterizedTest
    @EnumSource(TicketEvent.Type.class)
    void readWhenEventAsTheServicesWriteItThenTheTicketAndTheStateItReached(TicketEvent.Type type) {
        Ticket ticket = new Ticket(this.qrId, TicketState.SCANNED, "web", "challenge", TestTickets.BROWSER,
                java.time.Instant.now(), java.time.Instant.now(), java.time.Instant.now(), TestTickets.ALICE, null);
        byte[] value = this.codec.encode(TicketEvent.of(type, ticket));

        TicketEventCodec.Change change = this.codec.read(this.hash, value);

        assertThat(change).isNotNull();
        assertThat(change.qrIdHash()).isEqualTo(this.hash);
        assertThat(TicketEvent.Type.reached(change.reached())).isEqualTo(type);
    }

    @Test
    void readWhenTransitionAnnouncedThenEachEventReadable() {
        Ticket scanned = new Ticket(this.qrId, TicketState.SCANNED, "web", "challenge", TestTickets.BROWSER,
                java.time.Instant.now(), java.time.Instant.now(), java.time.Instant.now(), TestTickets.ALICE, null);
        List<TicketEvent> events = TicketEvent.of(new Transition.Applied(scanned, true, false));

        assertThat(events).singleElement().satisfies((event) -> assertThat(this.codec.read(event.qrIdHash(),
                this.codec.encode(event))).isEqualTo(new TicketEventCodec.Change(this.hash, TicketState.SCANNED)));
    }

    @Test
    void encodeWhenNoOneScannedThenNoSubjectMemberAndNoTypeHeaders() {
        Ticket pending = TestTickets.ticket().qrId(this.qrId).build();

        String json = new String(this.codec.encode(TicketEvent.reached(pending)), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("subject").doesNotContain("@class").doesNotContain(this.qrId)
            .contains("\"type\":\"ISSUED\"").contains("\"qrIdHash\":\"" + this.hash + "\"");
    }

    @Test
    void readWhenTypeUnknownThenTheTicketWithoutAState() {
        byte[] value = ("{\"type\":\"ARCHIVED\",\"qrIdHash\":\"" + this.hash + "\",\"newMember\":true}").getBytes(StandardCharsets.UTF_8);

        assertThat(this.codec.read(this.hash, value)).isEqualTo(new TicketEventCodec.Change(this.hash, null));
    }

    @Test
    void readWhenValueUnreadableThenTheKeyNamesTheTicket() {
        assertThat(this.codec.read(this.hash, "not json".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(new TicketEventCodec.Change(this.hash, null));
        assertThat(this.codec.read(this.hash, null)).isEqualTo(new TicketEventCodec.Change(this.hash, null));
    }

    @Test
    void readWhenAnOldEventNamesTheWholeIdThenItIsNotTaken() {
        byte[] value = ("{\"type\":\"SCANNED\",\"qrId\":\"" + this.qrId + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(this.codec.read(this.qrId, value)).isNull();
    }

    @Test
    void readWhenNoWellFormedTicketIdThenNothing() {
        assertThat(this.codec.read(null, "{\"type\":\"SCANNED\",\"qrIdHash\":\"../x\"}".getBytes(StandardCharsets.UTF_8)))
            .isNull();
        assertThat(this.codec.read("short", null)).isNull();
    }
}
