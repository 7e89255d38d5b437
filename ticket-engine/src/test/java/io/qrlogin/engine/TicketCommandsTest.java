package io.qrlogin.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BOB;
import static io.qrlogin.testing.TestTickets.BROWSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** The ticket use cases over a stubbed store and publisher: what each announces, and what a failed announce does. */
@ExtendWith(OutputCaptureExtension.class)
class TicketCommandsTest {

    private static final String CODE = "42";

    private final RedisTicketStore store = mock(RedisTicketStore.class);

    private final TicketEventPublisher events = mock(TicketEventPublisher.class);

    private final TicketCommands commands = new TicketCommands(this.store, this.events);

    private final String verifier = TestTickets.verifier();

    private final Ticket pending = TestTickets.ticket().verifier(this.verifier).build();

    private final String qrId = this.pending.qrId();

    private Level level;

    @BeforeEach
    void publishesSucceed() {
        given(this.events.publishAll(any())).willReturn(Mono.empty());
    }

    @BeforeEach
    void logAtDebug() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TicketCommands.class);
        this.level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restoreTheLogLevel() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TicketCommands.class)).setLevel(this.level);
    }

    @Test
    void mintStoresTheTicketThenAnnouncesIssued() {
        given(this.store.mint(this.qrId, "web", this.pending.codeChallenge(), BROWSER, true, TicketKind.BROWSER))
            .willReturn(Mono.just(this.pending));

        StepVerifier.create(this.commands.mint(this.qrId, "web", this.pending.codeChallenge(), BROWSER, true))
            .expectNext(this.pending)
            .verifyComplete();

        assertThat(announced()).containsExactly(TicketEvent.Type.ISSUED);
        assertThat(announcedEvents()).singleElement().satisfies((event) -> {
            assertThat(event.qrIdHash()).isEqualTo(QrIds.hash(this.qrId));
            assertThat(event.clientId()).isEqualTo("web");
            assertThat(event.occurredAt()).isEqualTo(this.pending.updatedAt());
        });
    }

    @Test
    void mintWhenThePublishFailsThenTheTicketAllTheSame() {
        given(this.store.mint(anyString(), anyString(), anyString(), any(), anyBoolean(), any()))
            .willReturn(Mono.just(this.pending));
        given(this.events.publishAll(any())).willReturn(Mono.error(new IllegalStateException("broker down")));

        StepVerifier.create(this.commands.mint(this.qrId, "web", this.pending.codeChallenge(), BROWSER, false))
            .expectNext(this.pending)
            .verifyComplete();
    }

    @Test
    void mintWhenTheIdOrChallengeIsMalformedThenInvalidRequestAndRedisUntouched() {
        StepVerifier.create(this.commands.mint("../../etc/passwd", "web", this.pending.codeChallenge(), BROWSER, false))
            .verifyErrorSatisfies(TicketCommandsTest::invalidRequest);
        StepVerifier.create(this.commands.mint(this.qrId, "web", "not a challenge", BROWSER, false))
            .verifyErrorSatisfies(TicketCommandsTest::invalidRequest);

        verifyNoInteractions(this.store, this.events);
    }

    @Test
    void scanWhenAppliedThenAnnouncesScannedBeforeItAnswers() {
        Ticket scanned = TestTickets.ticket().qrId(this.qrId).state(TicketState.SCANNED).scannedBy(ALICE).build();
        Transition applied = new Transition.Applied(scanned, true, false);
        given(this.store.scan(this.qrId, ALICE, CODE, false)).willReturn(Mono.just(applied));
        Sinks.Empty<Void> published = Sinks.empty();
        given(this.events.publishAll(any())).willReturn(published.asMono());

        AtomicReference<Transition> answer = new AtomicReference<>();
        this.commands.scan(this.qrId, ALICE, CODE).subscribe(answer::set);
        assertThat(answer).as("the answer waits for the announcement").hasNullValue();
        published.tryEmitEmpty();

        assertThat(answer).hasValue(applied);
        assertThat(announced()).containsExactly(TicketEvent.Type.SCANNED);
        assertThat(announcedEvents().get(0).subject()).isEqualTo(ALICE.subject());
    }

    @Test
    void scanWhenRepeatedThenAnnouncesNothing() {
        Ticket scanned = TestTickets.ticket().qrId(this.qrId).state(TicketState.SCANNED).scannedBy(ALICE).build();
        Transition repeated = new Transition.Applied(scanned, false, false);
        given(this.store.scan(this.qrId, ALICE, CODE, false)).willReturn(Mono.just(repeated));

        StepVerifier.create(this.commands.scan(this.qrId, ALICE, CODE)).expectNext(repeated).verifyComplete();

        verifyNoInteractions(this.events);
    }

    @Test
    void scanWhenRejectedWithoutAChangeThenTheRejectionAndNothingAnnounced() {
        Ticket scanned = TestTickets.ticket().qrId(this.qrId).state(TicketState.SCANNED).scannedBy(ALICE).build();
        Transition refused = new Transition.Rejected(ProblemCode.QR_ALREADY_SCANNED, scanned, false);
        given(this.store.scan(this.qrId, BOB, CODE, false)).willReturn(Mono.just(refused));

        StepVerifier.create(this.commands.scan(this.qrId, BOB, CODE)).expectNext(refused).verifyComplete();

        verifyNoInteractions(this.events);
    }

    static Stream<Arguments> rejectionsThatExpiredTheTicket() {
        return Stream.of(
                Arguments.of("scan", (Call) (c, id, v) -> c.scan(id, ALICE, CODE),
                        ProblemCode.QR_EXPIRED),
                Arguments.of("confirm", (Call) (c, id, v) -> c.confirm(id, ALICE, null),
                        ProblemCode.QR_EXPIRED),
                Arguments.of("cancel", (Call) (c, id, v) -> c.cancel(id, ALICE),
                        ProblemCode.QR_EXPIRED),
                Arguments.of("redeem", (Call) (c, id, v) -> c.redeem(id, v),
                        ProblemCode.QR_EXPIRED),
                Arguments.of("redeem", (Call) (c, id, v) -> c.redeem(id, v),
                        ProblemCode.INVALID_VERIFIER),
                Arguments.of("verify", (Call) (c, id, v) -> c.verify(id, v),
                        ProblemCode.INVALID_VERIFIER));
    }

    @ParameterizedTest(name = "{0} rejected with {2}")
    @MethodSource("rejectionsThatExpiredTheTicket")
    void rejectedCommandThatExpiredTheTicketThenAnnouncesExpired(String command, Call call,
            ProblemCode reason) {
        Ticket expired = TestTickets.ticket().qrId(this.qrId).state(TicketState.EXPIRED).build();
        Transition refused = new Transition.Rejected(reason, expired, true);
        stubEveryCommand(refused);

        StepVerifier.create(call.on(this.commands, this.qrId, this.verifier)).expectNext(refused).verifyComplete();

        assertThat(announced()).containsExactly(TicketEvent.Type.EXPIRED);
    }

    @Test
    void confirmWithAWrongMatchCodeThenTheRefusalAndTheCancelItCausedAnnouncedOnce() {
        Transition mismatch = givenAConfirmWithTheWrongMatchCode();

        StepVerifier.create(this.commands.confirm(this.qrId, ALICE, "24")).expectNext(mismatch).verifyComplete();

        assertThat(announced()).containsExactly(TicketEvent.Type.CANCELLED);
        assertThat(announcedEvents().get(0).subject()).isEqualTo(ALICE.subject());
    }

    @Test
    void confirmRetriedAfterAMismatchThenQrCancelledAndNothingAnnounced() {
        Transition refused = new Transition.Rejected(ProblemCode.QR_CANCELLED, cancelledByAMismatch(), false);
        given(this.store.confirm(this.qrId, ALICE, CODE)).willReturn(Mono.just(refused));

        StepVerifier.create(this.commands.confirm(this.qrId, ALICE, CODE)).expectNext(refused).verifyComplete();

        verifyNoInteractions(this.events);
    }

    @Test
    void confirmWhenAppliedThenAnnouncesConfirmed() {
        Ticket confirmed = TestTickets.ticket().qrId(this.qrId).state(TicketState.CONFIRMED).scannedBy(ALICE).build();
        Transition applied = new Transition.Applied(confirmed, true, false);
        given(this.store.confirm(this.qrId, ALICE, null)).willReturn(Mono.just(applied));

        StepVerifier.create(this.commands.confirm(this.qrId, ALICE, null)).expectNext(applied).verifyComplete();

        assertThat(announced()).containsExactly(TicketEvent.Type.CONFIRMED);
    }

    @Test
    void cancelWhenAppliedThenAnnouncesCancelled() {
        Ticket cancelled = TestTickets.ticket().qrId(this.qrId).state(TicketState.CANCELLED).scannedBy(ALICE).build();
        Transition applied = new Transition.Applied(cancelled, true, false);
        given(this.store.cancel(this.qrId, ALICE)).willReturn(Mono.just(applied));

        StepVerifier.create(this.commands.cancel(this.qrId, ALICE)).expectNext(applied).verifyComplete();

        assertThat(announced()).containsExactly(TicketEvent.Type.CANCELLED);
    }

    @Test
    void redeemWhenAppliedThenAnnouncesRedeemed() {
        Ticket redeemed = TestTickets.ticket().qrId(this.qrId).state(TicketState.REDEEMED).scannedBy(ALICE).build();
        Transition applied = new Transition.Applied(redeemed, true, false);
        given(this.store.redeem(this.qrId, this.verifier)).willReturn(Mono.just(applied));

        StepVerifier.create(this.commands.redeem(this.qrId, this.verifier)).expectNext(applied).verifyComplete();

        assertThat(announced()).containsExactly(TicketEvent.Type.REDEEMED);
    }

    @Test
    void verifyWhenTheVerifierMatchesThenAnnouncesNothing() {
        given(this.store.verify(this.qrId, this.verifier))
            .willReturn(Mono.just(new Transition.Applied(this.pending, false, false)));

        StepVerifier.create(this.commands.verify(this.qrId, this.verifier)).expectNextCount(1).verifyComplete();

        verifyNoInteractions(this.events);
    }

    @Test
    void commandsWhenTheInputIsMalformedThenInvalidRequestAndRedisUntouched() {
        StepVerifier.create(this.commands.scan("../../etc/passwd", ALICE, CODE))
            .verifyErrorSatisfies(TicketCommandsTest::invalidRequest);
        StepVerifier.create(this.commands.confirm("", ALICE, null)).verifyErrorSatisfies(TicketCommandsTest::invalidRequest);
        StepVerifier.create(this.commands.cancel(this.qrId + "x", ALICE))
            .verifyErrorSatisfies(TicketCommandsTest::invalidRequest);
        StepVerifier.create(this.commands.redeem(this.qrId, "short")).verifyErrorSatisfies(TicketCommandsTest::invalidRequest);
        StepVerifier.create(this.commands.verify("not an id", this.verifier))
            .verifyErrorSatisfies(TicketCommandsTest::invalidRequest);
        StepVerifier.create(this.commands.expire("not an id")).verifyErrorSatisfies(TicketCommandsTest::invalidRequest);

        verifyNoInteractions(this.store, this.events);
    }

    static Stream<Arguments> everyCommand() {
        return Stream.of(
                Arguments.of("scan", (Call) (c, id, v) -> c.scan(id, ALICE, CODE)),
                Arguments.of("confirm", (Call) (c, id, v) -> c.confirm(id, ALICE, null)),
                Arguments.of("cancel", (Call) (c, id, v) -> c.cancel(id, ALICE)),
                Arguments.of("redeem", (Call) (c, id, v) -> c.redeem(id, v)),
                Arguments.of("verify", (Call) (c, id, v) -> c.verify(id, v)),
                Arguments.of("expire", (Call) (c, id, v) -> c.expire(id)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void commandWhenThePublishFailsThenTheTransitionAllTheSame(String command, Call call) {
        Ticket changed = TestTickets.ticket().qrId(this.qrId).state(TicketState.EXPIRED).build();
        Transition transition = new Transition.Applied(changed, true, true);
        stubEveryCommand(transition);
        given(this.events.publishAll(any())).willReturn(Mono.error(new IllegalStateException("broker down")));

        StepVerifier.create(call.on(this.commands, this.qrId, this.verifier)).expectNext(transition).verifyComplete();

        verify(this.events).publishAll(any());
    }

    @Test
    void confirmWithAWrongMatchCodeWhenThePublishFailsThenTheRefusalAllTheSame() {
        Transition mismatch = givenAConfirmWithTheWrongMatchCode();
        given(this.events.publishAll(any())).willReturn(Mono.error(new IllegalStateException("broker down")));

        StepVerifier.create(this.commands.confirm(this.qrId, ALICE, "24")).expectNext(mismatch).verifyComplete();
    }

    @Test
    void expireWhenItExpiredTheTicketThenAnnouncesExpiredWithoutWaitingForIt() {
        Ticket expired = TestTickets.ticket().qrId(this.qrId).state(TicketState.EXPIRED).build();
        Transition applied = new Transition.Applied(expired, true, true);
        given(this.store.expire(this.qrId)).willReturn(Mono.just(applied));
        PublisherProbe<Void> publishing = PublisherProbe.of(Mono.never());
        given(this.events.publishAll(any())).willReturn(publishing.mono());

        StepVerifier.create(this.commands.expire(this.qrId)).expectNext(applied).verifyComplete();

        publishing.assertWasSubscribed();
        publishing.assertWasNotCancelled();
        assertThat(announced()).containsExactly(TicketEvent.Type.EXPIRED);
    }

    @Test
    void expireWhenNotDueOrAlreadyExpiredThenAnnouncesNothing() {
        given(this.store.expire(this.qrId)).willReturn(Mono.just(new Transition.Applied(this.pending, false, false)));

        StepVerifier.create(this.commands.expire(this.qrId)).expectNextCount(1).verifyComplete();

        verifyNoInteractions(this.events);
    }

    @Test
    void storeFailureReachesTheCallerAndNothingIsAnnounced() {
        given(this.store.scan(this.qrId, ALICE, CODE, false)).willReturn(Mono.error(new IllegalStateException("Redis down")));

        StepVerifier.create(this.commands.scan(this.qrId, ALICE, CODE)).verifyErrorMessage("Redis down");

        verifyNoInteractions(this.events);
    }

    @Test
    void logLinesNameTheTicketByItsFingerprintNeverByItsId(CapturedOutput output) {
        Ticket scanned = TestTickets.ticket().qrId(this.qrId).state(TicketState.SCANNED).scannedBy(ALICE).build();
        given(this.store.mint(anyString(), anyString(), anyString(), any(), anyBoolean(), any()))
            .willReturn(Mono.just(this.pending));
        given(this.store.scan(this.qrId, ALICE, CODE, false))
            .willReturn(Mono.just(new Transition.Applied(scanned, true, false)));
        given(this.store.redeem(this.qrId, this.verifier))
            .willReturn(Mono.just(new Transition.Rejected(ProblemCode.QR_NOT_CONFIRMED, scanned, false)));

        this.commands.mint(this.qrId, "web", this.pending.codeChallenge(), BROWSER, false).block();
        this.commands.scan(this.qrId, ALICE, CODE).block();
        this.commands.redeem(this.qrId, this.verifier).block();

        String fingerprint = QrIds.fingerprint(this.qrId);
        assertThat(output.getOut()).contains("Issued ticket " + fingerprint + " for client web")
            .contains("scan of ticket " + fingerprint + ": applied")
            .contains("redeem of ticket " + fingerprint + ": rejected, qr_not_confirmed")
            .doesNotContain(this.qrId)
            .doesNotContain(this.verifier)
            .doesNotContain(Pkce.s256(this.verifier));
    }

    /** A ticket that required number matching, cancelled when Alice confirmed with a wrong code. */
    private Ticket cancelledByAMismatch() {
        return TestTickets.ticket().qrId(this.qrId).state(TicketState.CANCELLED).scannedBy(ALICE).numberMatching(CODE)
            .build();
    }

    /** The store refuses Alice's confirm with the wrong code {@code 24}, cancelling the ticket in the same step. */
    private Transition givenAConfirmWithTheWrongMatchCode() {
        Transition mismatch = new Transition.Rejected(ProblemCode.MATCH_CODE_MISMATCH, cancelledByAMismatch(), false);
        given(this.store.confirm(this.qrId, ALICE, "24")).willReturn(Mono.just(mismatch));
        return mismatch;
    }

    private void stubEveryCommand(Transition transition) {
        given(this.store.scan(this.qrId, ALICE, CODE, false)).willReturn(Mono.just(transition));
        given(this.store.confirm(this.qrId, ALICE, null)).willReturn(Mono.just(transition));
        given(this.store.cancel(this.qrId, ALICE)).willReturn(Mono.just(transition));
        given(this.store.redeem(this.qrId, this.verifier)).willReturn(Mono.just(transition));
        given(this.store.verify(this.qrId, this.verifier)).willReturn(Mono.just(transition));
        given(this.store.expire(this.qrId)).willReturn(Mono.just(transition));
    }

    private List<TicketEvent.Type> announced() {
        return announcedEvents().stream().map(TicketEvent::type).toList();
    }

    @SuppressWarnings("unchecked")
    private List<TicketEvent> announcedEvents() {
        ArgumentCaptor<List<TicketEvent>> published = ArgumentCaptor.forClass(List.class);
        verify(this.events, atLeastOnce()).publishAll(published.capture());
        return published.getAllValues().stream().flatMap(List::stream).toList();
    }

    /** One of the commands, on the ticket {@code qrId} whose browser holds {@code verifier}. */
    @FunctionalInterface
    interface Call {

        Mono<Transition> on(TicketCommands commands, String qrId, String verifier);
    }

    private static void invalidRequest(Throwable ex) {
        assertThat(ex).isInstanceOfSatisfying(QrLoginException.class,
                (problem) -> assertThat(problem.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
    }
}
