package io.qrlogin.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The {@code /ws/qr} protocol. The browser's first message is {@code {"type":"subscribe","qrId","codeVerifier"}};
 * the gateway checks the verifier against the ticket's PKCE challenge, answers at once with the ticket's
 * state and then with every change, and closes with 1000 after a state that is final for the browser.
 * A wrong verifier, an unknown ticket, a malformed message or no subscribe in time get an error message
 * and close 1008 (policy violation).
 *
 * <p>The verifier check and the expiry are {@link TicketCommands}, which announce what they change.
 * {@code EXPIRED} needs no event: each socket has a timer at its ticket's {@code expiresAt} that
 * expires the ticket in Redis (atomically: of all the timers, on every instance, exactly one call
 * expires it and publishes the event) and pushes the result. Timers and pings are scheduled tasks, not
 * threads; nothing here blocks.
 */
final class QrSocketHandler implements WebSocketHandler {

    private static final Logger logger = LoggerFactory.getLogger(QrSocketHandler.class);

    /** How soon an expiry is tried again when Redis's clock has not reached {@code expiresAt} yet. */
    static final Duration EXPIRY_RECHECK = Duration.ofMillis(200);

    private static final CloseStatus NO_SUBSCRIBE = CloseStatus.POLICY_VIOLATION.withReason("No subscribe in time");

    private static final CloseStatus INVALID_REQUEST = CloseStatus.POLICY_VIOLATION.withReason("Invalid message");

    private static final CloseStatus INVALID_VERIFIER = CloseStatus.POLICY_VIOLATION.withReason("Invalid code verifier");

    private static final CloseStatus QR_NOT_FOUND = CloseStatus.POLICY_VIOLATION.withReason("QR code not found");

    private static final CloseStatus UNAVAILABLE = CloseStatus.SERVICE_OVERLOAD.withReason("Temporarily unavailable");

    private static final CloseStatus TOO_MANY_FRAMES = CloseStatus.POLICY_VIOLATION.withReason("Too many frames");

    private static final CloseStatus TOO_MANY_SOCKETS = CloseStatus.POLICY_VIOLATION.withReason("Too many sockets");

    /** Frames a browser may send at once: the subscribe, and pongs to the gateway's pings. */
    static final int FRAME_BURST = 8;

    /** A browser earns one more frame every this long (a ping goes out every 20 s by default). */
    static final Duration FRAME_REFILL = Duration.ofSeconds(2);

    private final TicketCommands tickets;

    private final SocketRegistry registry;

    private final SocketMessages messages;

    private final GatewayProperties.Socket settings;

    private final TicketMetrics metrics;

    QrSocketHandler(TicketCommands tickets, SocketRegistry registry, SocketMessages messages,
            GatewayProperties.Socket settings, TicketMetrics metrics) {
        this.tickets = tickets;
        this.registry = registry;
        this.messages = messages;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        BrowserSocket socket = new BrowserSocket(this.messages);
        if (!this.registry.open(socket)) {
            socket.close(CloseStatus.GOING_AWAY);
        }
        socket.track(Mono.delay(this.settings.subscribeTimeout())
            .subscribe((tick) -> socket.failIfAwaitingSubscribe(ProblemCode.INVALID_REQUEST, NO_SUBSCRIBE)));

        FrameBudget budget = new FrameBudget(FRAME_BURST, FRAME_REFILL.toNanos(), System::nanoTime);
        Mono<Void> inbound = session.receive()
            .filter((message) -> {
                if (budget.spend()) {
                    return true;
                }
                socket.fail(ProblemCode.RATE_LIMITED, TOO_MANY_FRAMES);
                return false;
            })
            .filter((message) -> message.getType() != WebSocketMessage.Type.PING
                    && message.getType() != WebSocketMessage.Type.PONG)
            // Read the payload now: the transport releases it once this returns.
            .map((message) -> (message.getType() == WebSocketMessage.Type.TEXT)
                    ? Optional.ofNullable(this.messages.subscribe(message.getPayloadAsText(StandardCharsets.UTF_8)))
                    : Optional.<SubscribeRequest>empty())
            // One message at a time, in order. Not concatMap: its inner subscriber keeps the last
            // (finished) subscribe chain, Redis commands included, for the socket's whole life.
            .flatMap((request) -> subscribe(socket, request), 1)
            .onErrorResume((ex) -> {
                logger.debug("Socket input failed: {}", ex.toString());
                return Mono.empty();
            })
            // The browser closed (or the connection broke): nothing more to send.
            .then(Mono.fromRunnable(() -> socket.close(CloseStatus.NORMAL)));

        Flux<WebSocketMessage> pings = Flux.interval(this.settings.pingInterval())
            .map((tick) -> session.pingMessage((buffers) -> buffers.wrap(new byte[0])))
            .takeUntilOther(socket.closed());
        Mono<Void> outbound = session.send(Flux.merge(socket.messages().map(session::textMessage), pings))
            .then(Mono.defer(() -> session.close(socket.closeStatus())))
            .onErrorResume((ex) -> {
                logger.debug("Socket output failed: {}", ex.toString());
                return Mono.empty();
            });

        return Mono.when(inbound, outbound).doFinally((signal) -> {
            socket.close(CloseStatus.GOING_AWAY);
            this.registry.remove(socket);
        });
    }

    /**
     * A socket from an address that holds as many as it may: told {@code rate_limited} and closed with
     * 1008 at once, before it can subscribe.
     */
    Mono<Void> refuseOverCap(WebSocketSession session) {
        return session.send(Mono.just(session.textMessage(this.messages.error(ProblemCode.RATE_LIMITED))))
            .then(session.close(TOO_MANY_SOCKETS))
            .onErrorResume((ex) -> Mono.empty());
    }

    private Mono<Void> subscribe(BrowserSocket socket, Optional<SubscribeRequest> message) {
        if (message.isEmpty()) {
            // Not a subscribe of the documented shape, or a message after the subscribe.
            socket.fail(ProblemCode.INVALID_REQUEST, INVALID_REQUEST);
            return Mono.empty();
        }
        SubscribeRequest request = message.get();
        if (!socket.claim(request.qrId())) {
            socket.fail(ProblemCode.INVALID_REQUEST, INVALID_REQUEST);
            return Mono.empty();
        }
        String qrId = request.qrId();
        // One atomic script checks the verifier (constant time). A wrong one is refused and counted
        // (qrlogin_rejections_total, as on redeem), never held against the ticket: the handshake's rate
        // limit is what bounds guessing.
        return this.tickets.verify(qrId, request.codeVerifier())
            .map(QrSocketHandler::verdict)
            .flatMap((verdict) -> switch (verdict) {
                case VERIFIED -> follow(socket, qrId);
                case WRONG_VERIFIER -> refuse(socket, qrId, ProblemCode.INVALID_VERIFIER, INVALID_VERIFIER);
                case NOT_FOUND -> refuse(socket, qrId, ProblemCode.QR_NOT_FOUND, QR_NOT_FOUND);
            })
            .onErrorResume((ex) -> {
                logger.warn("Could not subscribe a socket to ticket {}: {}", QrIds.fingerprint(qrId), ex.toString());
                socket.fail(ProblemCode.UNAVAILABLE, UNAVAILABLE);
                return Mono.empty();
            });
    }

    /** Registers the socket, THEN reads the snapshot, sends it and arms the expiry timer. */
    private Mono<Void> follow(BrowserSocket socket, String qrId) {
        return this.registry.follow(qrId, socket)
            .doOnNext((snapshot) -> {
                logger.debug("Socket follows ticket {} from {}", QrIds.fingerprint(qrId), snapshot.state());
                // An EXPIRED snapshot may be the first sight of the expiry: the timer, due at once, makes
                // it final in Redis (announcing it, if nobody has) and then tells the socket.
                if (snapshot.state() != TicketState.EXPIRED) {
                    socket.offer(snapshot);
                }
                if (!socket.isClosed()) {
                    socket.track(expiry(socket, qrId, snapshot.expiresAt()).subscribe());
                }
            })
            .switchIfEmpty(refuse(socket, qrId, ProblemCode.QR_NOT_FOUND, QR_NOT_FOUND).then(Mono.empty()))
            .then();
    }

    /**
     * At {@code expiresAt} (of the last state sent, else of the snapshot), expires the ticket in Redis
     * (which announces the expiry if this call made it, without holding the push back) and pushes what it
     * found without waiting for Kafka.
     * Repeats until the socket closes: while Redis's clock lags behind ours, and for a later
     * {@code expiresAt}. Redis decides (its clock is the one every instance shares).
     */
    private Mono<Void> expiry(BrowserSocket socket, String qrId, Instant snapshotExpiresAt) {
        return Mono.defer(() -> {
            Instant expiresAt = (socket.expiresAt() != null) ? socket.expiresAt() : snapshotExpiresAt;
            Duration wait = Duration.between(Instant.now(), expiresAt);
            return Mono.delay(wait.isNegative() ? Duration.ZERO : wait).then(Mono.defer(() -> this.tickets.expire(qrId)));
        })
            .doOnNext((transition) -> push(socket, transition, this.registry))
            .then()
            .onErrorResume((ex) -> {
                logger.debug("Could not expire ticket {} yet: {}", QrIds.fingerprint(qrId), ex.toString());
                return Mono.empty();
            })
            .repeatWhen((repeats) -> repeats.delayElements(EXPIRY_RECHECK))
            .then();
    }

    private static void push(BrowserSocket socket, Transition transition, SocketRegistry registry) {
        if (transition instanceof Transition.Applied applied) {
            registry.pushed(socket.offer(applied.ticket()), applied.ticket());
        }
        else if (transition instanceof Transition.Rejected rejected && rejected.reason() == ProblemCode.QR_NOT_FOUND) {
            socket.fail(ProblemCode.QR_NOT_FOUND, QR_NOT_FOUND);
        }
    }

    private Mono<Void> refuse(BrowserSocket socket, String qrId, ProblemCode code, CloseStatus status) {
        return Mono.fromRunnable(() -> {
            logger.debug("Socket for ticket {} refused: {}", QrIds.fingerprint(qrId), code.code());
            this.metrics.rejected(code);
            socket.fail(code, status);
        });
    }

    private static Verdict verdict(Transition transition) {
        if (transition instanceof Transition.Applied) {
            return Verdict.VERIFIED;
        }
        return (((Transition.Rejected) transition).reason() == ProblemCode.INVALID_VERIFIER) ? Verdict.WRONG_VERIFIER
                : Verdict.NOT_FOUND;
    }

    private enum Verdict {

        VERIFIED, WRONG_VERIFIER, NOT_FOUND
    }
}
