package io.qrlogin.gateway.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.qrlogin.common.event.TicketEvent;
import io.qrlogin.common.test.TestTickets;
import io.qrlogin.common.ticket.QrIds;
import io.qrlogin.common.ticket.Ticket;
import io.qrlogin.common.ticket.TicketState;
import io.qrlogin.common.ticket.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TicketEventRecordsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TicketEventRecords records = new TicketEventRecords(JSON);

    private final String qrId = TestTickets.qrId();

    private final String hash = QrIds.hash(this.qrId);

    @ParameterizedTest
    @EnumSource(TicketEvent.Type.class)
    void readWhenEventAsTheServicesWriteItThenTheTicketAndTheStateItReached(TicketEvent.Type type) {
        Ticket ticket = new Ticket(this.qrId, TicketState.SCANNED, "web", "challenge", TestTickets.BROWSER,
                java.time.Instant.now(), java.time.Instant.now(), java.time.Instant.now(), TestTickets.ALICE, null);
        byte[] value = JSON.writeValueAsBytes(TicketEvent.of(type, ticket));

        TicketEventRecords.Change change = this.records.read(this.hash, value);

        assertThat(change).isNotNull();
        assertThat(change.qrIdHash()).isEqualTo(this.hash);
        assertThat(TicketEvent.Type.reached(change.reached())).isEqualTo(type);
    }

    @Test
    void readWhenTransitionAnnouncedThenEachEventReadable() {
        Ticket scanned = new Ticket(this.qrId, TicketState.SCANNED, "web", "challenge", TestTickets.BROWSER,
                java.time.Instant.now(), java.time.Instant.now(), java.time.Instant.now(), TestTickets.ALICE, null);
        List<TicketEvent> events = TicketEvent.of(new Transition.Applied(scanned, true, false));

        assertThat(events).singleElement().satisfies((event) -> assertThat(this.records.read(event.qrIdHash(),
                JSON.writeValueAsBytes(event))).isEqualTo(new TicketEventRecords.Change(this.hash, TicketState.SCANNED)));
    }

    @Test
    void readWhenTypeUnknownThenTheTicketWithoutAState() {
        byte[] value = ("{\"type\":\"ARCHIVED\",\"qrIdHash\":\"" + this.hash + "\",\"newMember\":true}").getBytes(StandardCharsets.UTF_8);

        assertThat(this.records.read(this.hash, value)).isEqualTo(new TicketEventRecords.Change(this.hash, null));
    }

    @Test
    void readWhenValueUnreadableThenTheKeyNamesTheTicket() {
        assertThat(this.records.read(this.hash, "not json".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(new TicketEventRecords.Change(this.hash, null));
        assertThat(this.records.read(this.hash, null)).isEqualTo(new TicketEventRecords.Change(this.hash, null));
    }

    @Test
    void readWhenAnOldEventNamesTheWholeIdThenItIsNotTaken() {
        byte[] value = ("{\"type\":\"SCANNED\",\"qrId\":\"" + this.qrId + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(this.records.read(this.qrId, value)).isNull();
    }

    @Test
    void readWhenNoWellFormedTicketIdThenNothing() {
        assertThat(this.records.read(null, "{\"type\":\"SCANNED\",\"qrIdHash\":\"../x\"}".getBytes(StandardCharsets.UTF_8)))
            .isNull();
        assertThat(this.records.read("short", null)).isNull();
    }
}
