package io.qrlogin.gateway.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.socket.CloseStatus;

import static io.qrlogin.testing.TestTickets.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The browser socket end to end: a real gateway, real Redis and Kafka, tickets moved through the real
 * transitions and announced on the real topic the way the services announce them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.gateway.allowed-origins=" + QrSocketIT.ORIGIN + ",http://localhost:8080",
        "qrlogin.gateway.socket.subscribe-timeout=1s", "qrlogin.gateway.socket.ping-interval=300ms" })
class QrSocketIT extends LiveGateway {

    @Autowired
    private MeterRegistry meters;

    @Test
    void subscribeThenSnapshotThenEveryChangeThenNormalClose() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);
            assertThat(browser.messages()).singleElement().isEqualTo(Map.of("type", "state", "qrId", ticket.qrId(),
                    "state", "PENDING", "expiresAt", ticket.expiresAt().toString()));

            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE));
            await().until(() -> browser.states().size() == 2);
            assertThat(browser.messages().get(1)).containsEntry("state", "SCANNED")
                .containsEntry("scannedBy", Map.of("name", ALICE.name()))
                .containsEntry("expiresAt", ticket.expiresAt().toString());

            moveAndAnnounce(this.store.confirm(ticket.qrId(), ALICE, null));
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
            assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
            assertThat(browser.messages()).allSatisfy((message) -> assertThat(message.toString())
                .doesNotContain(this.verifier, ticket.codeChallenge(), ALICE.subject()));
        }
    }

    @Test
    void subscribeAfterScanWasPublishedThenScannedIsTheSnapshotAndNotRepeated() throws Exception {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (EventRecorder recorder = EventRecorder.start()) {
            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE));
            await().until(() -> recorder.eventsFor(ticket.qrId()).size() == 1);
        }
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);
            assertThat(browser.messages().get(0)).containsEntry("state", "SCANNED")
                .containsEntry("scannedBy", Map.of("name", ALICE.name()));

            moveAndAnnounce(this.store.confirm(ticket.qrId(), ALICE, null));
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
            assertThat(browser.states()).containsExactly("SCANNED", "CONFIRMED");
        }
    }

    @Test
    void subscribeWhileTheTicketMovesThenEverySocketSeesAStrictlyRisingSequenceToTheEnd() {
        int rounds = 40;
        List<TestBrowser> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                String roundVerifier = TestTickets.verifier();
                Ticket ticket = RedisTickets.pending(this.store, roundVerifier);
                // The ticket moves (and its events go out) while the browser connects and subscribes.
                this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE)
                    .flatMap(this::announce)
                    .then(Mono.defer(() -> this.store.confirm(ticket.qrId(), ALICE, null)))
                    .flatMap(this::announce)
                    .subscribe();
                browsers.add(TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), roundVerifier));
            }
            for (TestBrowser browser : browsers) {
                assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
                List<TicketState> seen = browser.states().stream().map(TicketState::valueOf).toList();
                assertThat(seen).isNotEmpty().last().isEqualTo(TicketState.CONFIRMED);
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i).isAfter(seen.get(i - 1))).as("%s rises strictly", seen).isTrue();
                }
            }
        }
        finally {
            browsers.forEach(TestBrowser::close);
        }
    }

    @Test
    void subscribeWithWrongVerifierThenInvalidVerifierAndPolicyViolation() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), TestTickets.verifier())) {
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(browser.messages()).containsExactly(Map.of("type", "error", "code", "invalid_verifier"));
        }
    }

    @Test
    void oneWrongVerifierOnAnotherSocketThenTheOwnersTicketLivesOn() throws Exception {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser owner = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> owner.states().size() == 1);
            try (TestBrowser attacker = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), TestTickets.verifier())) {
                assertThat(attacker.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            }
            Thread.sleep(1000);
            assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.PENDING);
            assertThat(owner.states()).containsExactly("PENDING");
            assertThat(owner.closeStatus()).isNull();
        }
    }

    /**
     * Wrong verifiers on the socket are refused and counted, never held against the ticket (in 0.2
     * the fifth expired it and closed the real browser's socket).
     */
    @Test
    void guessingVerifiersOnTheSocketIsRefusedAndCountedAndTheRealBrowserFollowsOn() throws Exception {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        double countedBefore = invalidVerifiersCounted();
        try (EventRecorder recorder = EventRecorder.start();
                TestBrowser owner = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> owner.states().size() == 1);
            for (int guess = 0; guess < 10; guess++) {
                try (TestBrowser attacker = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), TestTickets.verifier())) {
                    assertThat(attacker.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
                    assertThat(attacker.messages()).containsExactly(Map.of("type", "error", "code", "invalid_verifier"));
                }
            }
            assertThat(invalidVerifiersCounted() - countedBefore).isEqualTo(10.0);
            assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.PENDING);

            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE));
            await().until(() -> owner.states().size() == 2);
            assertThat(owner.states()).containsExactly("PENDING", "SCANNED");
            assertThat(owner.closeStatus()).isNull();
            await().until(() -> !recorder.eventsFor(ticket.qrId()).isEmpty());
            assertThat(recorder.eventsFor(ticket.qrId())).extracting((event) -> event.get("type")).containsExactly("SCANNED");
        }
    }

    private double invalidVerifiersCounted() {
        Counter counter = this.meters.find(TicketMetrics.REJECTIONS).tag("code", "invalid_verifier").counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Test
    void subscribeToUnknownTicketThenQrNotFoundAndPolicyViolation() {
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, TestTickets.qrId(), this.verifier)) {
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(browser.messages()).containsExactly(Map.of("type", "error", "code", "qr_not_found"));
        }
    }

    @Test
    void sendMalformedMessageThenInvalidRequestAndPolicyViolation() {
        for (String malformed : List.of("not json", "[]", "{\"type\":\"subscribe\"}",
                "{\"type\":\"watch\",\"qrId\":\"" + TestTickets.qrId() + "\",\"codeVerifier\":\"" + this.verifier + "\"}",
                "{\"type\":\"subscribe\",\"qrId\":\"../../x\",\"codeVerifier\":\"" + this.verifier + "\"}",
                "{\"type\":\"subscribe\",\"qrId\":\"" + TestTickets.qrId() + "\",\"codeVerifier\":\"short\"}")) {
            try (TestBrowser browser = TestBrowser.open(this.port, ORIGIN)) {
                browser.send(malformed);
                assertThat(browser.awaitClose().getCode()).as(malformed).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
                assertThat(browser.messages()).containsExactly(Map.of("type", "error", "code", "invalid_request"));
            }
        }
    }

    @Test
    void sendSecondMessageAfterSubscribeThenInvalidRequestAndPolicyViolation() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);
            browser.send(TestBrowser.subscribeMessage(ticket.qrId(), this.verifier));

            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(browser.messages()).last().isEqualTo(Map.of("type", "error", "code", "invalid_request"));
        }
    }

    @Test
    void sendFrameOverTheLimitThenClosedAsTooBig() {
        try (TestBrowser browser = TestBrowser.open(this.port, ORIGIN)) {
            browser.send("{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(5000) + "\"}");

            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
            assertThat(browser.messages()).isEmpty();
        }
    }

    @Test
    void openFromOriginNotAllowedThenRefusedBeforeUpgrade() {
        for (String origin : new String[] { "https://evil.example", "https://login.example.com.evil.example", null }) {
            try (TestBrowser browser = TestBrowser.open(this.port, origin)) {
                assertThat(browser.awaitFailure()).as(String.valueOf(origin)).hasMessageContaining("403");
                assertThat(browser.closeStatus()).isNull();
            }
        }
    }

    @Test
    void sendNoSubscribeInTimeThenPolicyViolation() {
        try (TestBrowser browser = TestBrowser.open(this.port, ORIGIN)) {
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(browser.messages()).containsExactly(Map.of("type", "error", "code", "invalid_request"));
        }
    }

    @Test
    void subscribedSocketIsPingedWhileItWaits() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.pings() >= 2);
            assertThat(browser.closeStatus()).isNull();
            assertThat(browser.states()).containsExactly("PENDING");
        }
    }

    @Test
    void ticketRunsOutThenExpiredPushedWithinASecondAndAnnouncedOnce() throws Exception {
        RedisTicketStore shortLived = RedisTickets.store(new TicketLifetimes(Duration.ofSeconds(2), null, null));
        Ticket ticket = RedisTickets.pending(shortLived, this.verifier);
        try (EventRecorder recorder = EventRecorder.start();
                TestBrowser first = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier);
                TestBrowser second = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            for (TestBrowser browser : List.of(first, second)) {
                assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
                assertThat(browser.states()).containsExactly("PENDING", "EXPIRED");
                TestBrowser.Received expired = browser.received().get(1);
                assertThat(Duration.between(ticket.expiresAt(), expired.at())).isLessThan(Duration.ofSeconds(1));
            }

            await().until(() -> expiredEvents(recorder, ticket) >= 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> expiredEvents(recorder, ticket) == 1);
            assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.EXPIRED);
        }
    }

    @Test
    void subscribeToTicketThatRanOutThenExpiredAndAnnounced() throws Exception {
        Ticket ticket = RedisTickets.pending(RedisTickets.store(new TicketLifetimes(Duration.ofMillis(1), null, null)),
                this.verifier);
        await().until(() -> this.store.find(ticket.qrId()).block().state() == TicketState.EXPIRED);
        try (EventRecorder recorder = EventRecorder.start();
                TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier)) {
            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
            assertThat(browser.states()).containsExactly("EXPIRED");

            await().until(() -> expiredEvents(recorder, ticket) == 1);
        }
    }

    @Test
    void eventForOneTicketNeverReachesTheSocketOfAnother() {
        String otherVerifier = TestTickets.verifier();
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        Ticket other = RedisTickets.pending(this.store, otherVerifier);
        try (TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier);
                TestBrowser otherBrowser = TestBrowser.subscribe(this.port, ORIGIN, other.qrId(), otherVerifier)) {
            await().until(() -> browser.states().size() == 1 && otherBrowser.states().size() == 1);

            moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE));
            await().until(() -> browser.states().size() == 2);
            moveAndAnnounce(this.store.confirm(ticket.qrId(), ALICE, null));
            browser.awaitClose();
            // The other ticket's socket is pinged (it is alive and reading) but told nothing.
            int pings = otherBrowser.pings();
            await().until(() -> otherBrowser.pings() > pings);

            assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
            assertThat(otherBrowser.messages()).singleElement().satisfies((message) -> assertThat(message)
                .containsEntry("qrId", other.qrId()).containsEntry("state", "PENDING"));
            assertThat(otherBrowser.closeStatus()).isNull();
        }
    }

    @Test
    void changeReachesTheSocketsOfEveryGatewayInstance() {
        try (ConfigurableApplicationContext secondInstance = startAnotherInstance()) {
            int secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
            Ticket ticket = RedisTickets.pending(this.store, this.verifier);
            try (TestBrowser here = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier);
                    TestBrowser there = TestBrowser.subscribe(secondPort, ORIGIN, ticket.qrId(), this.verifier)) {
                await().until(() -> here.states().size() == 1 && there.states().size() == 1);

                moveAndAnnounce(this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE));
                await().until(() -> here.states().size() == 2 && there.states().size() == 2);
                moveAndAnnounce(this.store.confirm(ticket.qrId(), ALICE, null));

                for (TestBrowser browser : List.of(here, there)) {
                    assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
                    assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
                }
            }
        }
    }

    @Test
    void instanceShutsDownThenItsSocketsAreClosedGoingAway() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        ConfigurableApplicationContext instance = startAnotherInstance();
        int instancePort = ((WebServerApplicationContext) instance).getWebServer().getPort();
        try (TestBrowser browser = TestBrowser.subscribe(instancePort, ORIGIN, ticket.qrId(), this.verifier)) {
            await().until(() -> browser.states().size() == 1);

            instance.close();

            assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
        }
        finally {
            instance.close();
        }
    }
}
