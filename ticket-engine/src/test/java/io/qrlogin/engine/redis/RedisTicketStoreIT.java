package io.qrlogin.engine.redis;

import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.Command;
import io.qrlogin.core.ticket.Decision;
import io.qrlogin.core.ticket.Relation;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.core.ticket.TransitionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** The Lua scripts against a real Redis: the rules, atomicity under contention, and time. */
class RedisTicketStoreIT {

    private final RedisTicketStore store = RedisTickets.store();

    static Stream<Arguments> appCommandsOnEveryState() {
        List<Arguments> cases = new ArrayList<>();
        for (Command command : List.of(Command.SCAN, Command.CONFIRM, Command.CANCEL)) {
            for (TicketState state : TicketState.values()) {
                cases.add(Arguments.of(command, state, ALICE));
                cases.add(Arguments.of(command, state, BOB));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1} by {2}")
    @MethodSource("appCommandsOnEveryState")
    void scriptAppliesExactlyTheTransitionRules(Command command, TicketState state, AppUser caller) {
        String verifier = TestTickets.verifier();
        Ticket before = RedisTickets.inState(state, verifier);
        Relation relation = (before.scannedBy() == null) ? Relation.NONE
                : before.scannedBy().subject().equals(caller.subject()) ? Relation.SAME : Relation.OTHER;
        Decision expected = TransitionRules.decide(command, state, relation);

        Transition actual = switch (command) {
            case SCAN -> this.store.scan(before.qrId(), caller, RedisTickets.MATCH_CODE).block();
            case CONFIRM -> this.store.confirm(before.qrId(), caller, null).block();
            case CANCEL -> this.store.cancel(before.qrId(), caller).block();
            default -> throw new IllegalArgumentException(command.name());
        };

        assertOutcome(actual, expected, state);
    }

    static Stream<Arguments> browserCommandsOnEveryState() {
        return Stream.of(Command.REDEEM, Command.DECLINE)
            .flatMap((command) -> everyState().map((state) -> Arguments.of(command, state)));
    }

    @ParameterizedTest(name = "{0} with the right verifier on {1}")
    @MethodSource("browserCommandsOnEveryState")
    void browserCommandWithTheRightVerifierFollowsTheRules(Command command, TicketState state) {
        String verifier = TestTickets.verifier();
        Ticket before = RedisTickets.inState(state, verifier);
        Transition actual = byTheBrowser(command, before.qrId(), verifier);
        assertOutcome(actual, TransitionRules.decide(command, state, Relation.NONE), state);
    }

    @ParameterizedTest(name = "{0} with a wrong verifier on {1}")
    @MethodSource("browserCommandsOnEveryState")
    void browserCommandWithAWrongVerifierIsRefusedWhateverTheState(Command command, TicketState state) {
        Ticket before = RedisTickets.inState(state, TestTickets.verifier());
        Transition actual = byTheBrowser(command, before.qrId(), TestTickets.verifier());
        assertThat(actual).isInstanceOf(Transition.Rejected.class);
        assertThat(((Transition.Rejected) actual).reason()).isEqualTo(ProblemCode.INVALID_VERIFIER);
        assertThat(this.store.find(before.qrId()).block().state()).isEqualTo(state);
    }

    /**
     * Wrong verifiers never burn a ticket (before 0.3 the fifth one expired it): guessing a
     * 256-bit verifier cannot succeed, and burning let anyone who saw the QR code end the real
     * browser's login. They are refused, however many and wherever they came from, and change nothing.
     */
    @Test
    void wrongVerifiersNeverChangeTheTicketHoweverManyWhereverTheyCameFrom() {
        String verifier = TestTickets.verifier();
        Ticket confirmed = RedisTickets.inState(TicketState.CONFIRMED, verifier);
        Map<String, String> before = hash(confirmed.qrId());
        for (int attempt = 1; attempt <= 20; attempt++) {
            Transition guess = (attempt % 2 == 0) ? this.store.verify(confirmed.qrId(), TestTickets.verifier()).block()
                    : this.store.redeem(confirmed.qrId(), TestTickets.verifier()).block();
            assertThat(((Transition.Rejected) guess).reason()).isEqualTo(ProblemCode.INVALID_VERIFIER);
            assertThat(guess.expiredNow()).isFalse();
            assertThat(((Transition.Rejected) guess).ticket().state()).isEqualTo(TicketState.CONFIRMED);
        }
        assertThat(hash(confirmed.qrId())).isEqualTo(before);

        assertThat(this.store.verify(confirmed.qrId(), verifier).block()).isInstanceOfSatisfying(Transition.Applied.class,
                (t) -> assertThat(t.changed()).isFalse());
        assertThat(this.store.redeem(confirmed.qrId(), verifier).block()).isInstanceOf(Transition.Applied.class);
    }

    @Test
    void confirmedTicketDeclinedByTheBrowserCanNoLongerBeRedeemed() {
        String verifier = TestTickets.verifier();
        Ticket confirmed = RedisTickets.inState(TicketState.CONFIRMED, verifier);
        assertThat(this.store.decline(confirmed.qrId(), verifier).block()).isInstanceOfSatisfying(
                Transition.Applied.class, (t) -> assertThat(t.ticket().state()).isEqualTo(TicketState.CANCELLED));
        assertThat(((Transition.Rejected) this.store.redeem(confirmed.qrId(), verifier).block()).reason())
            .isEqualTo(ProblemCode.QR_CANCELLED);
    }

    @Test
    void firstScanThatRequiresNumberMatchingMakesTheTicketRequireItAndKeepsTheCode() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        assertThat(pending.numberMatching()).isFalse();

        Transition.Applied scanned = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, "42", true).block();
        assertThat(scanned.ticket().numberMatching()).isTrue();
        assertThat(scanned.ticket().matchCode()).isEqualTo("42");
        Transition.Applied repeated = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, "17", false).block();
        assertThat(repeated.ticket().numberMatching()).as("a repeat cannot drop it").isTrue();
        assertThat(repeated.ticket().matchCode()).isEqualTo("42");
        assertThat(((Transition.Rejected) this.store.confirm(pending.qrId(), ALICE, null).block()).reason())
            .isEqualTo(ProblemCode.MATCH_CODE_MISMATCH);
    }

    @Test
    void repeatedScanCannotAddNumberMatchingAfterTheFirst() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, "42", false).block();
        Transition.Applied repeated = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, "17", true).block();
        assertThat(repeated.ticket().numberMatching()).isFalse();
        assertThat(this.store.confirm(pending.qrId(), ALICE, null).block()).isInstanceOf(Transition.Applied.class);
    }

    @Test
    void mintKeepsTheOriginOfThePageThatAskedAndNoneForACallerWithout() {
        Ticket fromPage = this.store.mint(TestTickets.qrId(), "web", Pkce.s256(TestTickets.verifier()),
                new BrowserContext("203.0.113.7", "Firefox", "https://payroll.example.com"), false).block();
        assertThat(this.store.find(fromPage.qrId()).block().browser().origin()).isEqualTo("https://payroll.example.com");
        Ticket fromScript = RedisTickets.pending(this.store, TestTickets.verifier());
        assertThat(this.store.find(fromScript.qrId()).block().browser().origin()).isNull();
    }

    @Test
    void scanGivesTheTicketTheFullTombstone() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        Duration max = TicketLifetimes.DEFAULT_PENDING.plus(TicketLifetimes.DEFAULT_TOMBSTONE);
        assertThat(ttl(pending.qrId())).isLessThanOrEqualTo(max).isGreaterThan(max.minusSeconds(5));
    }

    @Test
    void aTicketThatExpiresUnscannedKeepsOnlyAShortTombstoneAndAScannedOneTheFullOne() {
        RedisTicketStore shortLived = RedisTickets.store(new TicketLifetimes(Duration.ofMillis(300), null, null));
        Ticket unscanned = RedisTickets.pending(shortLived, TestTickets.verifier());
        Ticket scanned = RedisTickets.pending(shortLived, TestTickets.verifier());
        shortLived.scan(scanned.qrId(), ALICE, RedisTickets.MATCH_CODE).block();

        await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.find(unscanned.qrId()).block().state() == TicketState.EXPIRED
                && shortLived.find(scanned.qrId()).block().state() == TicketState.EXPIRED);
        assertThat(shortLived.expire(unscanned.qrId()).block().expiredNow()).isTrue();
        assertThat(shortLived.expire(scanned.qrId()).block().expiredNow()).isTrue();

        assertThat(ttl(unscanned.qrId())).isPositive().isLessThanOrEqualTo(RedisTicketStore.UNSCANNED_TOMBSTONE);
        assertThat(ttl(scanned.qrId())).isGreaterThan(RedisTicketStore.UNSCANNED_TOMBSTONE);
    }

    /** The browser's commands, which prove themselves with the verifier instead of a user. */
    private Transition byTheBrowser(Command command, String qrId, String verifier) {
        return switch (command) {
            case REDEEM -> this.store.redeem(qrId, verifier).block();
            case DECLINE -> this.store.decline(qrId, verifier).block();
            default -> throw new IllegalArgumentException(command.name());
        };
    }

    private static Map<String, String> hash(String qrId) {
        return RedisTickets.redis().<String, String>opsForHash().entries(TicketKeys.ticket(qrId))
            .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    private static Duration ttl(String qrId) {
        return RedisTickets.redis().getExpire(TicketKeys.ticket(qrId)).block();
    }

    static Stream<TicketState> everyState() {
        return Stream.of(TicketState.values());
    }

    @Test
    void mintStoresTheTicketWithRedisTimes() {
        String verifier = TestTickets.verifier();
        Ticket ticket = RedisTickets.pending(this.store, verifier);
        assertThat(ticket.state()).isEqualTo(TicketState.PENDING);
        assertThat(ticket.codeChallenge()).isEqualTo(Pkce.s256(verifier));
        assertThat(ticket.browser()).isEqualTo(TestTickets.BROWSER);
        assertThat(ticket.clientId()).isEqualTo("web");
        assertThat(Duration.between(ticket.createdAt(), ticket.expiresAt())).isEqualTo(TicketLifetimes.DEFAULT_PENDING);
        assertThat(ticket.scannedBy()).isNull();
        assertThat(ticket.confirmedAt()).isNull();
        assertThat(ticket.kind()).isEqualTo(TicketKind.BROWSER);
        assertThat(this.store.find(ticket.qrId()).block()).isEqualTo(ticket);
    }

    @Test
    void mintOfADeviceTicketKeepsItsKindThroughEveryTransition() {
        String verifier = TestTickets.verifier();
        Ticket minted = this.store.mint(TestTickets.qrId(), "cli", Pkce.s256(verifier), TestTickets.BROWSER, false,
                TicketKind.DEVICE).block();
        assertThat(minted.kind()).isEqualTo(TicketKind.DEVICE);
        Transition scanned = this.store.scan(minted.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(((Transition.Applied) scanned).ticket().kind()).isEqualTo(TicketKind.DEVICE);
        Transition confirmed = this.store.confirm(minted.qrId(), ALICE, null).block();
        assertThat(((Transition.Applied) confirmed).ticket().kind()).isEqualTo(TicketKind.DEVICE);
        Transition redeemed = this.store.redeem(minted.qrId(), verifier).block();
        assertThat(((Transition.Applied) redeemed).ticket().kind()).isEqualTo(TicketKind.DEVICE);
        assertThat(this.store.find(minted.qrId()).block().kind()).isEqualTo(TicketKind.DEVICE);
    }

    @Test
    void ticketStoredWithoutAKindReadsAsABrowsersTicket() {
        Ticket ticket = RedisTickets.pending(this.store, TestTickets.verifier());
        // As minted before kinds existed.
        RedisTickets.redis().opsForHash().remove(TicketKeys.ticket(ticket.qrId()), "kind").block();
        assertThat(this.store.find(ticket.qrId()).block().kind()).isEqualTo(TicketKind.BROWSER);
    }

    /** Until someone scans it, a ticket keeps only a short tombstone: a mint flood holds memory briefly. */
    @Test
    void mintSetsTheKeyTtlToLifetimePlusTheShortUnscannedTombstone() {
        Ticket ticket = RedisTickets.pending(this.store, TestTickets.verifier());
        Duration max = TicketLifetimes.DEFAULT_PENDING.plus(RedisTicketStore.UNSCANNED_TOMBSTONE);
        assertThat(ttl(ticket.qrId())).isLessThanOrEqualTo(max).isGreaterThan(max.minusSeconds(5));
    }

    @Test
    void scanRecordsTheScannerAndKeepsTheDeadline() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        Transition.Applied scanned = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(scanned.changed()).isTrue();
        assertThat(scanned.ticket().scannedBy()).isEqualTo(ALICE);
        assertThat(scanned.ticket().expiresAt()).isEqualTo(pending.expiresAt());
    }

    @Test
    void firstScanKeepsTheNetworkVerdictThroughToTheRedeemAndRepeatsCannotChangeIt() {
        String verifier = TestTickets.verifier();
        Ticket pending = RedisTickets.pending(this.store, verifier);
        assertThat(pending.sameNetwork()).isNull();

        Transition.Applied scanned = (Transition.Applied) this.store
            .scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE, false, false).block();
        Transition.Applied repeated = (Transition.Applied) this.store
            .scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE, false, true).block();
        this.store.confirm(pending.qrId(), ALICE, null).block();
        Transition.Applied redeemed = (Transition.Applied) this.store.redeem(pending.qrId(), verifier).block();

        assertThat(scanned.ticket().sameNetwork()).isFalse();
        assertThat(repeated.ticket().sameNetwork()).isFalse();
        assertThat(redeemed.ticket().sameNetwork()).isFalse();
    }

    @Test
    void scanWithoutANetworkVerdictThenNoneKept() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        Transition.Applied scanned = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE)
            .block();
        assertThat(scanned.ticket().sameNetwork()).isNull();
    }

    @Test
    void confirmStartsTheRedeemWindowAndShortensTheKeyTtl() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        Transition.Applied confirmed = (Transition.Applied) this.store.confirm(pending.qrId(), ALICE, null).block();
        Ticket ticket = confirmed.ticket();
        assertThat(ticket.confirmedAt()).isEqualTo(ticket.updatedAt());
        assertThat(Duration.between(ticket.updatedAt(), ticket.expiresAt())).isEqualTo(TicketLifetimes.DEFAULT_CONFIRMED);
        Duration ttl = RedisTickets.redis().getExpire(TicketKeys.ticket(ticket.qrId())).block();
        assertThat(ttl).isLessThanOrEqualTo(TicketLifetimes.DEFAULT_CONFIRMED.plus(TicketLifetimes.DEFAULT_TOMBSTONE));
    }

    @Test
    void terminalTicketLeavesATombstoneForTheTombstoneLifetime() {
        Ticket redeemed = RedisTickets.inState(TicketState.REDEEMED, TestTickets.verifier());
        Duration ttl = RedisTickets.redis().getExpire(TicketKeys.ticket(redeemed.qrId())).block();
        assertThat(ttl).isLessThanOrEqualTo(TicketLifetimes.DEFAULT_TOMBSTONE).isGreaterThan(TicketLifetimes.DEFAULT_TOMBSTONE.minusSeconds(5));
    }

    @Test
    void firstScanOfANumberMatchingTicketKeepsItsMatchCodeAndRepeatsKeepTheFirst() {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        assertThat(pending.numberMatching()).isTrue();
        assertThat(pending.matchCode()).isNull();

        Transition.Applied scanned = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, "42").block();
        assertThat(scanned.ticket().matchCode()).isEqualTo("42");
        Transition.Applied repeated = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, "17").block();
        assertThat(repeated.changed()).isFalse();
        assertThat(repeated.ticket().matchCode()).isEqualTo("42");
        assertThat(this.store.find(pending.qrId()).block().matchCode()).isEqualTo("42");
    }

    @Test
    void scanOfATicketWithoutNumberMatchingKeepsNoMatchCode() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        assertThat(pending.numberMatching()).isFalse();
        Transition.Applied scanned = (Transition.Applied) this.store.scan(pending.qrId(), ALICE, "42").block();
        assertThat(scanned.ticket().matchCode()).isNull();
        assertThat(this.store.confirm(pending.qrId(), ALICE, "13").block()).isInstanceOf(Transition.Applied.class);
    }

    @Test
    void confirmWithTheRightMatchCodeConfirms() {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, "42").block();
        Transition confirmed = this.store.confirm(pending.qrId(), ALICE, "42").block();
        assertThat(confirmed).isInstanceOfSatisfying(Transition.Applied.class, (t) -> {
            assertThat(t.changed()).isTrue();
            assertThat(t.ticket().state()).isEqualTo(TicketState.CONFIRMED);
        });
    }

    @ParameterizedTest(name = "confirm with \"{0}\"")
    @MethodSource("wrongMatchCodes")
    void confirmWithAWrongOrMissingMatchCodeCancelsTheTicket(String presented) {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, "42").block();

        Transition refused = this.store.confirm(pending.qrId(), ALICE, presented.isEmpty() ? null : presented).block();
        assertThat(refused).isInstanceOfSatisfying(Transition.Rejected.class, (t) -> {
            assertThat(t.reason()).isEqualTo(ProblemCode.MATCH_CODE_MISMATCH);
            assertThat(t.ticket().state()).isEqualTo(TicketState.CANCELLED);
        });
        Transition retry = this.store.confirm(pending.qrId(), ALICE, "42").block();
        assertThat(((Transition.Rejected) retry).reason()).as("one guess only").isEqualTo(ProblemCode.QR_CANCELLED);
        Duration ttl = RedisTickets.redis().getExpire(TicketKeys.ticket(pending.qrId())).block();
        assertThat(ttl).isLessThanOrEqualTo(TicketLifetimes.DEFAULT_TOMBSTONE);
    }

    static Stream<String> wrongMatchCodes() {
        return Stream.of("24", "", "4");
    }

    @Test
    void scanWithAMalformedMatchCodeIsRefusedBeforeRedis() {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        for (String malformed : new String[] { "", "4", "424", "4a" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> this.store.scan(pending.qrId(), ALICE, malformed));
        }
        assertThat(this.store.find(pending.qrId()).block().state()).isEqualTo(TicketState.PENDING);
    }

    @ParameterizedTest(name = "confirm with \"{0}\"")
    @MethodSource("everyMatchCode")
    void numberMatchingTicketScannedWithoutACodeCanNeverBeConfirmed(String presented) {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        // The store's scan always offers a code; a ticket without one (written by an older version, or
        // by hand) must still refuse every confirm.
        this.store.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        RedisTickets.redis().opsForHash().remove(TicketKeys.ticket(pending.qrId()), "matchCode").block();
        assertThat(this.store.find(pending.qrId()).block().matchCode()).isNull();

        Transition refused = this.store.confirm(pending.qrId(), ALICE, presented.isEmpty() ? null : presented).block();
        assertThat(((Transition.Rejected) refused).reason()).isEqualTo(ProblemCode.MATCH_CODE_MISMATCH);
    }

    static Stream<String> everyMatchCode() {
        return Stream.of("", RedisTickets.MATCH_CODE, "10", "99");
    }

    @Test
    void confirmByAnotherUserWithAWrongMatchCodeLeavesTheTicketAlone() {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, "42").block();
        Transition refused = this.store.confirm(pending.qrId(), BOB, "24").block();
        assertThat(((Transition.Rejected) refused).reason()).isEqualTo(ProblemCode.FORBIDDEN);
        assertThat(this.store.find(pending.qrId()).block().state()).isEqualTo(TicketState.SCANNED);
    }

    @Test
    void fiftyConcurrentConfirmsWithWrongCodesAndOneRightCodeChangeTheTicketExactlyOnce() {
        Ticket pending = RedisTickets.pendingWithNumberMatching(this.store, TestTickets.verifier());
        this.store.scan(pending.qrId(), ALICE, "42").block();
        List<Transition> outcomes = concurrently(50,
                (i) -> this.store.confirm(pending.qrId(), ALICE, (i == 17) ? "42" : Integer.toString(50 + i % 40)));
        List<ProblemCode> mismatches = outcomes.stream().filter(Transition.Rejected.class::isInstance)
            .map((t) -> ((Transition.Rejected) t).reason()).filter(ProblemCode.MATCH_CODE_MISMATCH::equals).toList();
        List<Transition.Applied> changed = applied(outcomes).stream().filter(Transition.Applied::changed).toList();
        assertThat(mismatches.size() + changed.size()).as("one call decides the ticket").isEqualTo(1);
        TicketState end = this.store.find(pending.qrId()).block().state();
        assertThat(end).isEqualTo(changed.isEmpty() ? TicketState.CANCELLED : TicketState.CONFIRMED);
    }

    @Test
    void unknownTicketIsNotFound() {
        Transition transition = this.store.scan(TestTickets.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(((Transition.Rejected) transition).reason()).isEqualTo(ProblemCode.QR_NOT_FOUND);
        assertThat(((Transition.Rejected) transition).ticket()).isNull();
        StepVerifier.create(this.store.find(TestTickets.qrId())).verifyComplete();
    }

    @Test
    void fiftyConcurrentScansByDifferentUsersHaveExactlyOneWinner() {
        Ticket pending = RedisTickets.pending(this.store, TestTickets.verifier());
        List<Transition> outcomes = concurrently(50,
                (i) -> this.store.scan(pending.qrId(), new AppUser("user-" + i, "User " + i), RedisTickets.MATCH_CODE));

        List<Transition.Applied> winners = applied(outcomes);
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(Transition.Rejected.class::isInstance)
            .extracting((t) -> ((Transition.Rejected) t).reason()).hasSize(49).containsOnly(ProblemCode.QR_ALREADY_SCANNED);
        assertThat(this.store.find(pending.qrId()).block().scannedBy()).isEqualTo(winners.get(0).ticket().scannedBy());
    }

    @Test
    void fiftyConcurrentConfirmsChangeTheTicketExactlyOnce() {
        Ticket scanned = RedisTickets.inState(TicketState.SCANNED, TestTickets.verifier());
        List<Transition> outcomes = concurrently(50, (i) -> this.store.confirm(scanned.qrId(), ALICE, null));
        assertThat(applied(outcomes)).hasSize(50).filteredOn(Transition.Applied::changed).hasSize(1);
    }

    @Test
    void fiftyConcurrentConfirmsByDifferentUsersOnlyTheScannerWins() {
        Ticket scanned = RedisTickets.inState(TicketState.SCANNED, TestTickets.verifier());
        List<Transition> outcomes = concurrently(50,
                (i) -> this.store.confirm(scanned.qrId(), (i == 17) ? ALICE : new AppUser("user-" + i, "User " + i), null));
        assertThat(applied(outcomes)).hasSize(1).allSatisfy((t) -> assertThat(t.changed()).isTrue());
    }

    @Test
    void fiftyConcurrentRedeemsSucceedExactlyOnce() {
        String verifier = TestTickets.verifier();
        Ticket confirmed = RedisTickets.inState(TicketState.CONFIRMED, verifier);
        List<Transition> outcomes = concurrently(50, (i) -> this.store.redeem(confirmed.qrId(), verifier));
        assertThat(applied(outcomes)).hasSize(1);
        assertThat(outcomes).filteredOn(Transition.Rejected.class::isInstance)
            .extracting((t) -> ((Transition.Rejected) t).reason()).hasSize(49).containsOnly(ProblemCode.QR_ALREADY_REDEEMED);
    }

    @Test
    void pendingTicketExpiresWhenItsTimeRunsOutAndIsForgottenAfterTheTombstone() {
        RedisTicketStore shortLived = RedisTickets.store(new TicketLifetimes(Duration.ofMillis(300), null, Duration.ofMillis(700)));
        Ticket pending = RedisTickets.pending(shortLived, TestTickets.verifier());

        await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.find(pending.qrId()).block().state() == TicketState.EXPIRED);
        Transition late = shortLived.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(((Transition.Rejected) late).reason()).isEqualTo(ProblemCode.QR_EXPIRED);
        assertThat(late.expiredNow()).as("the first call after expiry records it").isTrue();
        assertThat(shortLived.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block().expiredNow()).as("only once").isFalse();

        await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.find(pending.qrId()).blockOptional().isEmpty());
        Transition gone = shortLived.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(((Transition.Rejected) gone).reason()).isEqualTo(ProblemCode.QR_NOT_FOUND);
    }

    @Test
    void confirmedTicketExpiresWhenNotRedeemedInTime() {
        String verifier = TestTickets.verifier();
        RedisTicketStore shortConfirm = RedisTickets.store(new TicketLifetimes(null, Duration.ofMillis(300), null));
        Ticket pending = RedisTickets.pending(shortConfirm, verifier);
        shortConfirm.scan(pending.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        shortConfirm.confirm(pending.qrId(), ALICE, null).block();

        await().atMost(Duration.ofSeconds(5)).until(() -> shortConfirm.find(pending.qrId()).block().state() == TicketState.EXPIRED);
        Transition late = shortConfirm.redeem(pending.qrId(), verifier).block();
        assertThat(((Transition.Rejected) late).reason()).isEqualTo(ProblemCode.QR_EXPIRED);
    }

    @Test
    void expireAppliesOnlyOnceAndOnlyWhenDue() {
        RedisTicketStore shortLived = RedisTickets.store(new TicketLifetimes(Duration.ofMillis(300), null, null));
        Ticket pending = RedisTickets.pending(shortLived, TestTickets.verifier());
        Transition early = shortLived.expire(pending.qrId()).block();
        assertThat(early).isInstanceOfSatisfying(Transition.Applied.class, (t) -> {
            assertThat(t.changed()).isFalse();
            assertThat(t.ticket().state()).isEqualTo(TicketState.PENDING);
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.find(pending.qrId()).block().state() == TicketState.EXPIRED);
        List<Transition> outcomes = concurrently(20, (i) -> shortLived.expire(pending.qrId()));
        assertThat(outcomes).filteredOn(Transition::expiredNow).hasSize(1);
    }

    private static void assertOutcome(Transition actual, Decision expected, TicketState before) {
        if (expected instanceof Decision.Apply apply) {
            assertThat(actual).isInstanceOfSatisfying(Transition.Applied.class, (t) -> {
                assertThat(t.changed()).isTrue();
                assertThat(t.ticket().state()).isEqualTo(apply.target());
            });
        }
        else if (expected instanceof Decision.Keep) {
            assertThat(actual).isInstanceOfSatisfying(Transition.Applied.class, (t) -> {
                assertThat(t.changed()).isFalse();
                assertThat(t.ticket().state()).isEqualTo(before);
            });
        }
        else {
            Decision.Reject reject = (Decision.Reject) expected;
            assertThat(actual).isInstanceOfSatisfying(Transition.Rejected.class, (t) -> {
                assertThat(t.reason()).isEqualTo(reject.reason());
                assertThat(t.ticket().state()).isEqualTo(before);
            });
        }
    }

    private static List<Transition> concurrently(int callers, java.util.function.IntFunction<Mono<Transition>> call) {
        return Flux.fromStream(IntStream.range(0, callers).boxed())
            .flatMap((i) -> Mono.defer(() -> call.apply(i)).subscribeOn(Schedulers.parallel()), callers)
            .collectList()
            .block(Duration.ofSeconds(10));
    }

    private static List<Transition.Applied> applied(List<Transition> outcomes) {
        return outcomes.stream().filter(Transition.Applied.class::isInstance).map(Transition.Applied.class::cast).toList();
    }
}
