package io.qrlogin.gateway.events;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.gateway.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document of the Kafka topics ({@code /asyncapi/kafka.yaml}) held to the code: the ticket
 * events' topic, every event type and every member the codec writes are documented, and nothing else.
 */
class KafkaAsyncApiTest {

    private static final String TICKET_EVENT = "components/messages/ticketEvent/payload/";

    private static final String SESSION_EVENT = "components/messages/sessionEvent/payload/";

    private final AsyncApiDocument document = AsyncApiDocument.load("kafka");

    @Test
    void ticketEventsGoToTheDefaultTopic() {
        assertThat(this.document.at("channels/ticketEvents/address")).isEqualTo(TicketEvent.DEFAULT_TOPIC);
    }

    @Test
    void everyTicketEventTypeIsDocumented() {
        assertThat(this.document.list(TICKET_EVENT + "properties/type/enum"))
            .containsExactlyInAnyOrderElementsOf(Arrays.stream(TicketEvent.Type.values()).map(Enum::name).toList());
    }

    @Test
    void ticketEventMembersAreTheRecordsComponents() {
        List<String> components = Arrays.stream(TicketEvent.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(this.document.map(TICKET_EVENT + "properties").keySet()).containsExactlyInAnyOrderElementsOf(components);
        // Only the subject is absent until someone scans.
        assertThat(this.document.list(TICKET_EVENT + "required"))
            .containsExactlyInAnyOrderElementsOf(components.stream().filter((name) -> !name.equals("subject")).toList());
    }

    /** The contract of the sessions topic (DESIGN "Sessions"): its types, members and end reasons. */
    @Test
    void sessionEventsFollowTheSessionsContract() {
        assertThat(this.document.at("channels/sessionEvents/address")).isEqualTo("qrlogin.sessions");
        assertThat(this.document.list(SESSION_EVENT + "properties/type/enum"))
            .containsExactly("SESSION_STARTED", "SESSION_ENDED");
        assertThat(this.document.map(SESSION_EVENT + "properties").keySet())
            .containsExactlyInAnyOrder("eventId", "type", "sid", "sub", "clientId", "reason", "occurredAt");
        assertThat(this.document.list(SESSION_EVENT + "properties/reason/enum"))
            .containsExactlyInAnyOrder("logout", "revoked", "expired");
    }

    @Test
    void everyReferenceResolves() {
        this.document.assertEveryReferenceResolves();
    }
}
