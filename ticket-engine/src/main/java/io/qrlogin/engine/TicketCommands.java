package io.qrlogin.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.Command;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.observability.TracedLogging;
import io.qrlogin.engine.redis.RedisTicketStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What callers do to tickets, each as one pipeline: validate the input (malformed input never reaches
 * Redis), apply one atomic transition in Redis, announce what it changed on the event stream, log the
 * outcome. Controllers and the socket handler are adapters around it: they turn requests into commands
 * and {@link Transition}s into responses.
 *
 * <p>One policy for a failed announcement: the change is already true in Redis, which stays the source
 * of truth, so a publish that fails never fails the caller. The publisher has logged it, and the
 * gateways find the change anyway by re-reading in Redis the tickets their sockets follow.
 *
 * <p>Rejected transitions are answers too, not errors: the caller turns them into the problem its
 * audience gets. They are announced like applied ones when they changed the ticket: the call that finds
 * a ticket expired announces {@code EXPIRED}, and a wrong match code, which cancels the ticket in the same
 * atomic step that refuses the confirm, announces {@code CANCELLED}. Repeats announce nothing.
 */
public final class TicketCommands {

    private static final Logger logger = LoggerFactory.getLogger(TicketCommands.class);

    private final RedisTicketStore store;

    private final TicketEventPublisher events;

    public TicketCommands(RedisTicketStore store, TicketEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /**
     * Stores a new {@code PENDING} ticket and announces {@code ISSUED}.
     *
     * @param qrId a fresh id from {@link QrIds#next()}
     * @param clientId the client (site) the browser asks for, already known to be registered
     * @param codeChallenge the S256 challenge of the browser's verifier
     * @param browser what the edge saw of the browser
     * @param numberMatching whether the confirm must carry the code the scan gives the ticket
     * @return the ticket, with its times from the Redis clock
     */
    public Mono<Ticket> mint(String qrId, String clientId, String codeChallenge, BrowserContext browser,
            boolean numberMatching) {
        return mint(qrId, clientId, codeChallenge, browser, numberMatching, TicketKind.BROWSER);
    }

    /**
     * Stores a new {@code PENDING} ticket of {@code kind} and announces {@code ISSUED}, as
     * {@link #mint(String, String, String, BrowserContext, boolean)}: a device's ticket is minted by the
     * OpenID Provider, with the device code as its verifier.
     */
    public Mono<Ticket> mint(String qrId, String clientId, String codeChallenge, BrowserContext browser,
            boolean numberMatching, TicketKind kind) {
        return Mono.fromCallable(() -> {
            wellFormed(qrId);
            if (!Pkce.isWellFormedChallenge(codeChallenge)) {
                throw invalid("The code challenge is malformed.");
            }
            return qrId;
        })
            .flatMap((id) -> this.store.mint(id, clientId, codeChallenge, browser, numberMatching, kind))
            .flatMap((ticket) -> announce(List.of(TicketEvent.reached(ticket))).thenReturn(ticket))
            .doOnEach(TracedLogging.onNext((ticket) -> logger.debug("Issued ticket {} for client {}",
                    ticket.fingerprint(), ticket.clientId())));
    }

    /**
     * The app user scans the ticket ({@link RedisTicketStore#scan}).
     *
     * @param matchCode a fresh {@link io.qrlogin.core.ticket.MatchCodes#next() code}, kept only if this is the
     * first scan of a ticket that requires number matching
     */
    public Mono<Transition> scan(String qrId, AppUser user, String matchCode) {
        return scan(qrId, user, matchCode, false);
    }

    /**
     * A scan as {@link #scan(String, AppUser, String)}; with {@code requireNumberMatching} the first scan makes
     * the ticket require number matching even if it was minted without (the client's {@code on-risk} setting).
     */
    public Mono<Transition> scan(String qrId, AppUser user, String matchCode, boolean requireNumberMatching) {
        return apply(Command.SCAN, qrId, () -> this.store.scan(qrId, user, matchCode, requireNumberMatching));
    }

    /**
     * A scan as {@link #scan(String, AppUser, String, boolean)} that also keeps, from the first scan, whether the
     * app was on the browser's network ({@code null}: not judged), for the session the ticket becomes.
     */
    public Mono<Transition> scan(String qrId, AppUser user, String matchCode, boolean requireNumberMatching,
            @Nullable Boolean sameNetwork) {
        return apply(Command.SCAN, qrId,
                () -> this.store.scan(qrId, user, matchCode, requireNumberMatching, sameNetwork));
    }

    /** The ticket as it stands, for a caller about to act on it; empty when there is none. */
    public Mono<Ticket> find(String qrId) {
        return Mono.fromCallable(() -> wellFormed(qrId)).flatMap(this.store::find);
    }

    /**
     * The scanning user confirms ({@link RedisTicketStore#confirm}). A wrong or missing match code on a
     * ticket that requires number matching is rejected with {@code match_code_mismatch} and cancels the
     * ticket; that {@code CANCELLED} is announced, once, by the call that caused it.
     *
     * @param matchCode the code the user typed, {@code null} when none was sent
     */
    public Mono<Transition> confirm(String qrId, AppUser user, @Nullable String matchCode) {
        return apply(Command.CONFIRM, qrId, () -> this.store.confirm(qrId, user, matchCode));
    }

    /** The scanning user cancels ({@link RedisTicketStore#cancel}). */
    public Mono<Transition> cancel(String qrId, AppUser user) {
        return apply(Command.CANCEL, qrId, () -> this.store.cancel(qrId, user));
    }

    /** The browser redeems with its verifier ({@link RedisTicketStore#redeem}), exactly once per ticket. */
    public Mono<Transition> redeem(String qrId, String codeVerifier) {
        return apply(Command.REDEEM, qrId, () -> {
            wellFormedVerifier(codeVerifier);
            return this.store.redeem(qrId, codeVerifier);
        });
    }

    /**
     * The browser that holds the verifier refuses the login ({@link RedisTicketStore#decline}): its user saw
     * another person's name confirmed on the phone. Announced {@code CANCELLED} like a cancel on the phone.
     */
    public Mono<Transition> decline(String qrId, String codeVerifier) {
        return apply(Command.DECLINE, qrId, () -> {
            wellFormedVerifier(codeVerifier);
            return this.store.decline(qrId, codeVerifier);
        });
    }

    /**
     * Checks the browser's verifier without changing the ticket ({@link RedisTicketStore#verify}); a
     * wrong one is refused and counted, never held against the ticket.
     */
    public Mono<Transition> verify(String qrId, String codeVerifier) {
        return apply(Command.VERIFY, qrId, () -> {
            wellFormedVerifier(codeVerifier);
            return this.store.verify(qrId, codeVerifier);
        });
    }

    /**
     * Expires a ticket whose time ran out ({@link RedisTicketStore#expire}). Emits what Redis answered
     * without waiting for the announcement, which goes out on its own: a socket pushes {@code EXPIRED}
     * at once even while Kafka is slow, and closing that socket does not cancel the announcement.
     */
    public Mono<Transition> expire(String qrId) {
        return Mono.fromCallable(() -> wellFormed(qrId))
            .flatMap(this.store::expire)
            .flatMap((transition) -> Mono.deferContextual((context) -> {
                announce(announcements(transition)).contextWrite(context).subscribe();
                return Mono.just(transition);
            }))
            .doOnEach(TracedLogging.onNext((transition) -> logged(Command.EXPIRE, qrId, transition)));
    }

    /**
     * What {@code transition} must announce, in order: {@link TicketEvent#of(Transition)}, and the
     * {@code CANCELLED} a wrong match code caused. Only the call that cancelled the ticket gets
     * {@code match_code_mismatch}, so that is announced once.
     */
    private static List<TicketEvent> announcements(Transition transition) {
        List<TicketEvent> announcements = new ArrayList<>(TicketEvent.of(transition));
        if (transition instanceof Transition.Rejected rejected && rejected.reason() == ProblemCode.MATCH_CODE_MISMATCH
                && rejected.ticket() != null) {
            announcements.add(TicketEvent.reached(rejected.ticket()));
        }
        return announcements;
    }

    private Mono<Transition> apply(Command command, String qrId, Supplier<Mono<Transition>> call) {
        return Mono.fromCallable(() -> wellFormed(qrId))
            .flatMap((id) -> call.get())
            .flatMap((transition) -> announce(announcements(transition)).thenReturn(transition))
            .doOnEach(TracedLogging.onNext((transition) -> logged(command, qrId, transition)));
    }

    /** The one policy: a failed publish does not fail the caller (see the class comment). */
    private Mono<Void> announce(List<TicketEvent> announcements) {
        if (announcements.isEmpty()) {
            return Mono.empty();
        }
        return this.events.publishAll(announcements).onErrorResume((ex) -> Mono.empty());
    }

    private static void logged(Command command, String qrId, Transition transition) {
        if (logger.isDebugEnabled()) {
            logger.debug("{} of ticket {}: {}", command.name().toLowerCase(Locale.ROOT),
                    QrIds.fingerprint(qrId), describe(transition));
        }
    }

    private static String describe(Transition transition) {
        if (transition instanceof Transition.Rejected rejected) {
            return "rejected, " + rejected.reason().code();
        }
        return ((Transition.Applied) transition).changed() ? "applied" : "repeated";
    }

    private static String wellFormed(String qrId) {
        if (!QrIds.isWellFormed(qrId)) {
            throw invalid("The QR code id is malformed.");
        }
        return qrId;
    }

    private static void wellFormedVerifier(String codeVerifier) {
        if (codeVerifier == null || !Pkce.isWellFormedVerifier(codeVerifier)) {
            throw invalid("The code verifier is malformed.");
        }
    }

    private static QrLoginException invalid(String detail) {
        return new QrLoginException(ProblemCode.INVALID_REQUEST, detail);
    }
}
