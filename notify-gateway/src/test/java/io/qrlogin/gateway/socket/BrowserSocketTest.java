package io.qrlogin.gateway.socket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.CloseStatus;

import static io.qrlogin.core.ticket.TicketState.CANCELLED;
import static io.qrlogin.core.ticket.TicketState.CONFIRMED;
import static io.qrlogin.core.ticket.TicketState.EXPIRED;
import static io.qrlogin.core.ticket.TicketState.PENDING;
import static io.qrlogin.core.ticket.TicketState.REDEEMED;
import static io.qrlogin.core.ticket.TicketState.SCANNED;
import static org.assertj.core.api.Assertions.assertThat;

class BrowserSocketTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SocketMessages messages = new SocketMessages(JSON);

    private final String qrId = TestTickets.qrId();

    private final BrowserSocket socket = new BrowserSocket(this.messages);

    private final List<String> sent = new CopyOnWriteArrayList<>();

    BrowserSocketTest() {
        this.socket.messages().subscribe(this.sent::add);
    }

    @Test
    void offerWhenStatesArriveOutOfOrderThenNeverAnOlderOneAfterANewer() {
        this.socket.claim(this.qrId);

        offer(SCANNED, PENDING, SCANNED, PENDING);

        assertThat(states()).containsExactly("SCANNED");
        assertThat(this.socket.isClosed()).isFalse();
    }

    @Test
    void offerWhenSameStateDeliveredTwiceThenSentOnce() {
        this.socket.claim(this.qrId);

        offer(PENDING, PENDING, SCANNED, SCANNED);

        assertThat(states()).containsExactly("PENDING", "SCANNED");
    }

    @Test
    void offerWhenFinalForTheBrowserThenSentAndClosedNormally() {
        this.socket.claim(this.qrId);

        offer(PENDING, CONFIRMED, EXPIRED);

        assertThat(states()).containsExactly("PENDING", "CONFIRMED");
        assertThat(this.socket.isClosed()).isTrue();
        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.NORMAL);
        StepVerifier.create(this.socket.closed()).verifyComplete();
    }

    @Test
    void offerWhenStateSkipsAheadThenTheNewerOneIsSent() {
        this.socket.claim(this.qrId);

        offer(PENDING, CANCELLED);

        assertThat(states()).containsExactly("PENDING", "CANCELLED");
        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void offerBeforeSubscribeThenNothingSent() {
        offer(PENDING);

        assertThat(this.sent).isEmpty();
    }

    @Test
    void offerOfAnotherTicketThenNothingSent() {
        this.socket.claim(this.qrId);

        assertThat(this.socket.offer(Tickets.inState(TestTickets.qrId(), SCANNED))).isFalse();

        assertThat(this.sent).isEmpty();
    }

    @Test
    void hasSeenWhenStateNotAfterTheLastSentThenTrue() {
        this.socket.claim(this.qrId);
        assertThat(this.socket.hasSeen(PENDING)).isFalse();

        offer(SCANNED);

        assertThat(this.socket.hasSeen(PENDING)).isTrue();
        assertThat(this.socket.hasSeen(SCANNED)).isTrue();
        assertThat(this.socket.hasSeen(CONFIRMED)).isFalse();
        assertThat(this.socket.expiresAt()).isEqualTo(Tickets.EXPIRES);
    }

    @Test
    void claimWhenAlreadySubscribedThenRefused() {
        assertThat(this.socket.claim(this.qrId)).isTrue();

        assertThat(this.socket.claim(this.qrId)).isFalse();
        assertThat(this.socket.qrId()).isEqualTo(this.qrId);
    }

    @Test
    void failThenErrorMessageAndTheCloseStatus() {
        this.socket.claim(this.qrId);

        this.socket.fail(ProblemCode.INVALID_VERIFIER, CloseStatus.POLICY_VIOLATION);
        this.socket.fail(ProblemCode.QR_NOT_FOUND, CloseStatus.POLICY_VIOLATION);
        offer(PENDING);

        assertThat(this.sent).containsExactly("{\"type\":\"error\",\"code\":\"invalid_verifier\"}");
        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION);
    }

    @Test
    void failIfAwaitingSubscribeWhenSubscribedThenNothing() {
        this.socket.claim(this.qrId);

        this.socket.failIfAwaitingSubscribe(ProblemCode.INVALID_REQUEST, CloseStatus.POLICY_VIOLATION);

        assertThat(this.socket.isClosed()).isFalse();
        assertThat(this.sent).isEmpty();
    }

    @Test
    void failIfAwaitingSubscribeWhenNoneCameThenClosed() {
        this.socket.failIfAwaitingSubscribe(ProblemCode.INVALID_REQUEST, CloseStatus.POLICY_VIOLATION);

        assertThat(this.sent).containsExactly("{\"type\":\"error\",\"code\":\"invalid_request\"}");
        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION);
        assertThat(this.socket.claim(this.qrId)).isFalse();
    }

    @Test
    void closeThenTrackedTimersAreDisposedAndLaterOnesAtOnce() {
        Disposable.Swap before = Disposables.swap();
        this.socket.track(before);

        this.socket.close(CloseStatus.GOING_AWAY);
        Disposable.Swap after = Disposables.swap();
        this.socket.track(after);

        assertThat(before.isDisposed()).isTrue();
        assertThat(after.isDisposed()).isTrue();
        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(this.sent).isEmpty();
        StepVerifier.create(this.socket.closed()).verifyComplete();
    }

    @Test
    void offerOfAStateFinalForTheBrowserThenItIsTheLastMessageAndTheSocketClosesWith1000RightAfterIt() {
        for (TicketState last : List.of(CONFIRMED, REDEEMED, CANCELLED, EXPIRED)) {
            BrowserSocket socket = new BrowserSocket(this.messages);
            socket.claim(this.qrId);
            socket.offer(Tickets.inState(this.qrId, PENDING));
            socket.offer(Tickets.inState(this.qrId, last));

            StepVerifier.create(socket.messages().map(BrowserSocketTest::state))
                .expectNext("PENDING", last.name())
                .as("the stream ends right after " + last)
                .verifyComplete();
            assertThat(socket.closeStatus()).as("%s", last).isEqualTo(CloseStatus.NORMAL);
            StepVerifier.create(socket.closed()).verifyComplete();
        }
    }

    @Test
    void offerOfAStateNotFinalForTheBrowserThenTheSocketStaysOpen() {
        this.socket.claim(this.qrId);

        offer(PENDING, SCANNED);

        assertThat(this.socket.isClosed()).isFalse();
    }

    @Test
    void offerAfterTheSocketClosedThenNothingSent() {
        this.socket.claim(this.qrId);
        this.socket.close(CloseStatus.GOING_AWAY);

        assertThat(this.socket.offer(Tickets.inState(this.qrId, SCANNED))).isFalse();

        assertThat(this.sent).isEmpty();
        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
    }

    @Test
    void closedSocketThenNewsOfAnyStateChangesNothingForIt() {
        this.socket.claim(this.qrId);
        this.socket.close(CloseStatus.GOING_AWAY);

        for (TicketState state : TicketState.values()) {
            assertThat(this.socket.hasSeen(state)).as("%s", state).isTrue();
        }
    }

    @Test
    void expiresAtIsNoneBeforeTheFirstStateAndThenThatOfTheLastStateSent() {
        this.socket.claim(this.qrId);
        assertThat(this.socket.expiresAt()).isNull();

        offer(PENDING);

        assertThat(this.socket.expiresAt()).isEqualTo(Tickets.EXPIRES);
    }

    @Test
    void closeTwiceThenTheFirstStatusStands() {
        this.socket.close(CloseStatus.POLICY_VIOLATION);
        this.socket.close(CloseStatus.NORMAL);

        assertThat(this.socket.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION);
    }

    @Test
    void offerFromManyThreadsAtOnceThenAStrictlyRisingSequence() throws Exception {
        List<TicketState> path = List.of(PENDING, SCANNED, CONFIRMED);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 500; round++) {
                BrowserSocket raced = new BrowserSocket(this.messages);
                List<String> out = new CopyOnWriteArrayList<>();
                raced.messages().subscribe(out::add);
                raced.claim(this.qrId);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> offers = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    List<TicketState> order = new ArrayList<>(path);
                    Collections.shuffle(order);
                    offers.add(threads.submit(() -> {
                        start.await();
                        order.forEach((state) -> raced.offer(Tickets.inState(this.qrId, state)));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> offer : offers) {
                    offer.get(5, TimeUnit.SECONDS);
                }

                List<TicketState> seen = out.stream().map(BrowserSocketTest::state).map(TicketState::valueOf).toList();
                assertThat(seen).last().isEqualTo(CONFIRMED);
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i).isAfter(seen.get(i - 1))).as("%s", seen).isTrue();
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    private void offer(TicketState... states) {
        for (TicketState state : states) {
            this.socket.offer(Tickets.inState(this.qrId, state));
        }
    }

    private List<String> states() {
        return this.sent.stream().map(BrowserSocketTest::state).toList();
    }

    private static String state(String message) {
        Map<String, Object> parsed = JSON.readValue(message, new TypeReference<Map<String, Object>>() {
        });
        return (String) parsed.get("state");
    }
}
