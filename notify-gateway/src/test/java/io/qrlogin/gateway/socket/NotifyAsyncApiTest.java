package io.qrlogin.gateway.socket;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.gateway.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document of {@code /ws/qr} ({@code /asyncapi/notify.yaml}) held to the code: every state,
 * every message member, every error code and every close code the socket can send is documented, and
 * nothing else, so the document cannot drift silently.
 */
class NotifyAsyncApiTest {

    private final AsyncApiDocument document = AsyncApiDocument.load("notify");

    private static final String MESSAGES = "components/messages/";

    @Test
    void everyTicketStateTheSocketSendsIsDocumented() {
        assertThat(this.document.list(MESSAGES + "state/payload/properties/state/enum"))
            .containsExactlyInAnyOrderElementsOf(Arrays.stream(TicketState.values()).map(Enum::name).toList());
    }

    @Test
    void stateMessageMembersAreTheRecordsComponents() {
        assertThat(this.document.map(MESSAGES + "state/payload/properties").keySet())
            .containsExactlyInAnyOrderElementsOf(components(SocketMessages.StateMessage.class));
        assertThat(this.document.map(MESSAGES + "state/payload/properties/scannedBy/properties").keySet())
            .containsExactlyInAnyOrderElementsOf(components(SocketMessages.ScannedBy.class));
        assertThat(this.document.at(MESSAGES + "state/payload/properties/type/const")).isEqualTo("state");
    }

    @Test
    void everyErrorCodeTheSocketSendsIsDocumented() {
        assertThat(this.document.list(MESSAGES + "error/payload/properties/code/enum"))
            .containsExactlyInAnyOrderElementsOf(SocketMessages.ERRORS.stream().map(ProblemCode::code).toList());
        assertThat(this.document.map(MESSAGES + "error/payload/properties").keySet())
            .containsExactlyInAnyOrderElementsOf(components(SocketMessages.ErrorMessage.class));
    }

    @Test
    void subscribeMessageIsTheOneTheSocketReads() {
        Set<String> members = new HashSet<>(components(SubscribeRequest.class));
        members.add("type");
        assertThat(this.document.map(MESSAGES + "subscribe/payload/properties").keySet())
            .containsExactlyInAnyOrderElementsOf(members);
        assertThat(this.document.at(MESSAGES + "subscribe/payload/properties/type/const")).isEqualTo(SocketMessages.SUBSCRIBE);
    }

    @Test
    void everyCloseCodeTheSocketUsesIsDocumented() throws Exception {
        Set<Integer> used = new HashSet<>();
        for (Field field : QrSocketHandler.class.getDeclaredFields()) {
            if (field.getType() == CloseStatus.class && Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                used.add(((CloseStatus) field.get(null)).getCode());
            }
        }
        assertThat(used).as("the handler's close statuses").isNotEmpty();
        // Used inline: a final state or the browser's close, a shutdown, and the transport's refusal of a large frame.
        used.addAll(List.of(CloseStatus.NORMAL.getCode(), CloseStatus.GOING_AWAY.getCode(),
                CloseStatus.TOO_BIG_TO_PROCESS.getCode()));

        List<Object> documented = this.document.list("channels/qr/x-close-codes");
        assertThat(documented.stream().<Object>map((entry) -> ((Map<?, ?>) entry).get("code")).collect(Collectors.toSet()))
            .containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void everyReferenceResolvesAndEveryMessageHasAnOperation() {
        this.document.assertEveryReferenceResolves();
        assertThat(this.document.map("channels/qr/messages").keySet())
            .containsExactlyInAnyOrderElementsOf(this.document.map("components/messages").keySet());
        assertThat(this.document.refs()).contains("#/channels/qr/messages/subscribe", "#/channels/qr/messages/state",
                "#/channels/qr/messages/error");
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
