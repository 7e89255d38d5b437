package io.qrlogin.gateway.socket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.context.ContextRegistry;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.web.reactive.socket.CloseStatus;

import static io.qrlogin.core.ticket.TicketState.CONFIRMED;
import static io.qrlogin.core.ticket.TicketState.PENDING;
import static io.qrlogin.core.ticket.TicketState.SCANNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SocketRegistryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Stands for the trace of a change: the context a push must run in. */
    private static final ThreadLocal<String> TRACE = new ThreadLocal<>();

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(SocketRegistryTest.class.getName() + ".trace", TRACE);
    }

    private final SocketMessages messages = new SocketMessages(JSON);

    /** The "Redis" the registry reads: the current ticket by id. */
    private final Map<String, Ticket> store = new ConcurrentHashMap<>();

    private final AtomicInteger reads = new AtomicInteger();

    private final SocketRegistry registry = registry((qrId) -> Mono.fromSupplier(() -> {
        this.reads.incrementAndGet();
        return this.store.get(qrId);
    }));

    @Test
    void changedWhenNoSocketFollowsTheTicketThenNoRead() {
        String qrId = ticket(SCANNED);

        this.registry.changed(QrIds.hash(qrId), SCANNED);

        assertThat(this.reads).hasValue(0);
    }

    @Test
    void changedThenTheTicketIsReadOnceAndOfferedToItsSocketsOnly() {
        String qrId = ticket(PENDING);
        String otherId = ticket(PENDING);
        Browser first = follow(qrId);
        Browser second = follow(qrId);
        Browser other = follow(otherId);
        this.reads.set(0);

        moveTo(qrId, SCANNED);
        this.registry.changed(QrIds.hash(qrId), SCANNED);

        assertThat(this.reads).hasValue(1);
        assertThat(first.states()).containsExactly("PENDING", "SCANNED");
        assertThat(second.states()).containsExactly("PENDING", "SCANNED");
        assertThat(other.states()).containsExactly("PENDING");
        assertThat(first.sent).allSatisfy((message) -> assertThat(message).doesNotContain(otherId));
    }

    @Test
    void changedWhenEverySocketHasTheStateAlreadyThenNoRead() {
        String qrId = ticket(SCANNED);
        Browser browser = follow(qrId);
        this.reads.set(0);

        this.registry.changed(QrIds.hash(qrId), SCANNED);
        this.registry.changed(QrIds.hash(qrId), PENDING);

        assertThat(this.reads).hasValue(0);
        assertThat(browser.states()).containsExactly("SCANNED");
    }

    @Test
    void changedWhenEventsArriveOutOfOrderOrTwiceThenEachStateOnceInOrder() {
        String qrId = ticket(PENDING);
        Browser browser = follow(qrId);

        moveTo(qrId, CONFIRMED);
        // The reads triggered by SCANNED and CONFIRMED both find CONFIRMED; the older events change nothing.
        this.registry.changed(QrIds.hash(qrId), SCANNED);
        this.registry.changed(QrIds.hash(qrId), CONFIRMED);
        this.registry.changed(QrIds.hash(qrId), SCANNED);
        this.registry.changed(QrIds.hash(qrId), null);

        assertThat(browser.states()).containsExactly("PENDING", "CONFIRMED");
        assertThat(browser.socket.closeStatus()).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void changedWhenTypeUnknownThenReadAnyway() {
        String qrId = ticket(PENDING);
        Browser browser = follow(qrId);
        moveTo(qrId, SCANNED);

        this.registry.changed(QrIds.hash(qrId), null);

        assertThat(browser.states()).containsExactly("PENDING", "SCANNED");
    }

    @Test
    void changedWhileTheSnapshotIsInFlightThenTheStaleSnapshotIsDropped() {
        String qrId = TestTickets.qrId();
        Sinks.One<Ticket> slowSnapshot = Sinks.one();
        AtomicReference<Ticket> current = new AtomicReference<>(Tickets.inState(qrId, PENDING));
        AtomicInteger call = new AtomicInteger();
        SocketRegistry registry = registry(
                (id) -> (call.getAndIncrement() == 0) ? slowSnapshot.asMono() : Mono.fromSupplier(current::get));
        Browser browser = follow(registry, qrId);

        // The snapshot read saw PENDING but has not answered; meanwhile the ticket is scanned.
        current.set(Tickets.inState(qrId, SCANNED));
        registry.changed(QrIds.hash(qrId), SCANNED);
        slowSnapshot.tryEmitValue(Tickets.inState(qrId, PENDING));

        assertThat(browser.states()).containsExactly("SCANNED");
    }

    @Test
    void followWhileTheTicketMovesOnAnotherThreadThenNothingIsLostAndNothingRepeated() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2000; round++) {
                String qrId = TestTickets.qrId();
                AtomicReference<Ticket> current = new AtomicReference<>(Tickets.inState(qrId, PENDING));
                SocketRegistry registry = registry((id) -> Mono.fromSupplier(current::get));
                Browser browser = new Browser(qrId);
                CountDownLatch start = new CountDownLatch(1);

                Future<?> subscriber = threads.submit(() -> {
                    start.await();
                    registry.follow(qrId, browser.socket).subscribe(browser.socket::offer);
                    return null;
                });
                Future<?> services = threads.submit(() -> {
                    start.await();
                    for (TicketState state : List.of(SCANNED, CONFIRMED)) {
                        // As the services do: change Redis, then publish; the event reaches the registry.
                        current.set(Tickets.inState(qrId, state));
                        registry.changed(QrIds.hash(qrId), state);
                    }
                    return null;
                });
                start.countDown();
                subscriber.get(5, TimeUnit.SECONDS);
                services.get(5, TimeUnit.SECONDS);

                List<TicketState> seen = browser.states().stream().map(TicketState::valueOf).toList();
                assertThat(seen).as("round %d", round).last().isEqualTo(CONFIRMED);
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i).isAfter(seen.get(i - 1))).as("%s", seen).isTrue();
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void changedWhenReadFailsThenRetried() {
        String qrId = ticket(PENDING);
        AtomicInteger attempts = new AtomicInteger();
        SocketRegistry registry = registry((id) -> Mono.defer(() -> (attempts.getAndIncrement() == 1)
                ? Mono.error(new IllegalStateException("Redis hiccup")) : Mono.just(this.store.get(id))));
        Browser browser = follow(registry, qrId);
        moveTo(qrId, SCANNED);

        registry.changed(QrIds.hash(qrId), SCANNED);

        await().atMost(Duration.ofSeconds(2)).until(() -> browser.states().size() == 2);
        assertThat(browser.states()).containsExactly("PENDING", "SCANNED");
    }

    @Test
    void removeThenTheSocketIsNoLongerOfferedAnythingAndTheTicketIsForgotten() {
        String qrId = ticket(PENDING);
        Browser browser = follow(qrId);
        assertThat(this.registry.open(browser.socket)).isTrue();
        assertThat(this.registry.tickets()).isEqualTo(1);

        this.registry.remove(browser.socket);
        this.reads.set(0);
        moveTo(qrId, SCANNED);
        this.registry.changed(QrIds.hash(qrId), SCANNED);

        assertThat(this.reads).hasValue(0);
        assertThat(browser.states()).containsExactly("PENDING");
        assertThat(this.registry.tickets()).isZero();
        assertThat(this.registry.size()).isZero();
    }

    @Test
    void stopThenEverySocketGoesAwayAndNewOnesAreRefused() {
        Browser browser = new Browser(TestTickets.qrId());
        assertThat(this.registry.open(browser.socket)).isTrue();

        this.registry.stop();

        assertThat(browser.socket.closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(this.registry.isRunning()).isFalse();
        assertThat(this.registry.open(new BrowserSocket(this.messages))).isFalse();
    }

    @Test
    void resyncThenEachSocketGetsOnlyWhatItHasNotSeen() {
        String moved = ticket(PENDING);
        String still = ticket(SCANNED);
        Browser behind = follow(moved);
        Browser current = follow(still);
        moveTo(moved, CONFIRMED);

        StepVerifier.create(this.registry.resync()).expectNext(1).verifyComplete();
        StepVerifier.create(this.registry.resync()).expectNext(0).verifyComplete();

        assertThat(behind.states()).containsExactly("PENDING", "CONFIRMED");
        assertThat(behind.socket.closeStatus()).isEqualTo(CloseStatus.NORMAL);
        assertThat(current.states()).containsExactly("SCANNED");
    }

    @Test
    void resyncWhenTheTicketRanOutThenLeftToTheExpiryTimer() {
        String qrId = ticket(PENDING);
        Browser browser = follow(qrId);
        moveTo(qrId, TicketState.EXPIRED);

        StepVerifier.create(this.registry.resync()).expectNext(0).verifyComplete();

        assertThat(browser.states()).containsExactly("PENDING");
        assertThat(browser.socket.isClosed()).isFalse();
    }

    @Test
    void resyncWhenAReadFailsThenTheOtherTicketsAreStillRead() {
        String failing = ticket(PENDING);
        String moved = ticket(PENDING);
        SocketRegistry registry = registry((qrId) -> qrId.equals(failing)
                ? Mono.error(new IllegalStateException("Redis is down")) : Mono.justOrEmpty(this.store.get(qrId)));
        Browser browser = follow(registry, moved);
        registry.follow(failing, new Browser(failing).socket).subscribe();
        moveTo(moved, SCANNED);

        StepVerifier.create(registry.resync()).expectNext(1).verifyComplete();

        assertThat(browser.states()).containsExactly("PENDING", "SCANNED");
    }

    @Test
    void followThenTheSocketIsRegisteredBeforeItsSnapshotIsRead() {
        String qrId = ticket(PENDING);
        AtomicReference<SocketRegistry> registry = new AtomicReference<>();
        List<Integer> followedWhenRead = new CopyOnWriteArrayList<>();
        registry.set(registry((id) -> Mono.fromSupplier(() -> {
            followedWhenRead.add(registry.get().tickets());
            return this.store.get(id);
        })));

        Browser browser = follow(registry.get(), qrId);

        assertThat(followedWhenRead).as("tickets with sockets when the snapshot was read").containsExactly(1);
        assertThat(browser.states()).containsExactly("PENDING");
    }

    @Test
    void changedNamingTheTicketByItsIdInsteadOfItsHashThenNoSocketIsToldAndNothingRead() {
        String qrId = ticket(PENDING);
        Browser browser = follow(qrId);
        this.reads.set(0);
        moveTo(qrId, SCANNED);

        this.registry.changed(qrId, SCANNED);

        assertThat(this.reads).hasValue(0);
        assertThat(browser.states()).containsExactly("PENDING");
    }

    @Test
    void changedThenThePushHappensInTheTraceOfTheEventEvenAfterAReadOnAnotherThread() {
        String qrId = ticket(PENDING);
        SocketRegistry registry = registry((id) -> Mono.justOrEmpty(this.store.get(id)).delayElement(Duration.ofMillis(10)));
        BrowserSocket socket = new BrowserSocket(this.messages);
        Map<String, String> traceByMessage = new ConcurrentHashMap<>();
        socket.messages().subscribe((message) -> traceByMessage.put(message, String.valueOf(TRACE.get())));
        socket.claim(qrId);
        registry.follow(qrId, socket).block();
        moveTo(qrId, SCANNED);

        TRACE.set("trace-of-the-scan");
        try {
            registry.changed(QrIds.hash(qrId), SCANNED);
        }
        finally {
            TRACE.remove();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> traceByMessage.size() == 1);
        assertThat(traceByMessage.values()).containsExactly("trace-of-the-scan");
    }

    @Test
    void inAnApplicationContextThenRunningOnceStartedAndEverySocketGoesAwayWhenItCloses() {
        SocketRegistry registry = registry((id) -> Mono.justOrEmpty(this.store.get(id)));
        BrowserSocket socket = new BrowserSocket(this.messages);
        assertThat(registry.isRunning()).isFalse();
        assertThat(registry.open(socket)).as("sockets are taken before the context has started it").isTrue();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(SocketRegistry.class, () -> registry);
            context.refresh();
            assertThat(registry.isRunning()).isTrue();
            assertThat(socket.isClosed()).isFalse();
        }
        assertThat(socket.closeStatus()).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(registry.isRunning()).isFalse();
    }

    private static SocketRegistry registry(Function<String, Mono<Ticket>> tickets) {
        return new SocketRegistry(tickets, PushMetrics.none(), 8);
    }

    private String ticket(TicketState state) {
        String qrId = TestTickets.qrId();
        moveTo(qrId, state);
        return qrId;
    }

    /** The ticket moves on in the store, as a service's Redis write would move it. */
    private void moveTo(String qrId, TicketState state) {
        this.store.put(qrId, Tickets.inState(qrId, state));
    }

    /** A subscribed socket following {@code qrId}, with its snapshot sent. */
    private Browser follow(String qrId) {
        return follow(this.registry, qrId);
    }

    /** A socket following {@code qrId} in {@code registry}, with its snapshot sent. */
    private Browser follow(SocketRegistry registry, String qrId) {
        Browser browser = new Browser(qrId);
        registry.follow(qrId, browser.socket).subscribe(browser.socket::offer);
        return browser;
    }

    /** A socket that has claimed {@code qrId}, and what it sent. */
    private final class Browser {

        final BrowserSocket socket = new BrowserSocket(SocketRegistryTest.this.messages);

        final List<String> sent = new CopyOnWriteArrayList<>();

        Browser(String qrId) {
            this.socket.messages().subscribe(this.sent::add);
            this.socket.claim(qrId);
        }

        List<String> states() {
            return this.sent.stream()
                .map((message) -> JSON.readValue(message, new TypeReference<Map<String, Object>>() {
                }))
                .map((message) -> (String) message.get("state"))
                .toList();
        }
    }
}
