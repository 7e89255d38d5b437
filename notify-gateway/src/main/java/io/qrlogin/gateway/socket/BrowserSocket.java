package io.qrlogin.gateway.socket;

import java.time.Instant;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * One browser's socket, independent of the transport: what it has been told, and what it is told next.
 *
 * <p>Ticket states reach a socket from several places at once — its snapshot, the reads triggered by
 * events, its expiry timer — and may arrive in any order. {@link #offer} lets a state through only if it
 * is after the last one this socket was sent ({@link TicketState#isAfter}), checked and sent under one
 * lock: the browser never sees a state twice, nor an older one after a newer. After a state that is
 * {@linkplain TicketState#isFinalForBrowser() final for the browser}, the socket closes normally.
 */
final class BrowserSocket {

    private final SocketMessages messages;

    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

    private final Sinks.Empty<Void> closed = Sinks.empty();

    private final Disposable.Composite resources = Disposables.composite();

    private Phase phase = Phase.AWAITING_SUBSCRIBE;

    private @Nullable String qrId;

    private @Nullable Ticket last;

    private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

    BrowserSocket(SocketMessages messages) {
        this.messages = messages;
    }

    /** The text messages to send, in order; completes when the socket is to be closed with {@link #closeStatus()}. */
    Flux<String> messages() {
        return this.outbound.asFlux();
    }

    /** Completes once the socket is done: its last message is out, its close status set. */
    Mono<Void> closed() {
        return this.closed.asMono();
    }

    /** How the socket is to be closed. */
    CloseStatus closeStatus() {
        return this.closeStatus;
    }

    /** The ticket this socket follows, once the browser has asked for one. */
    synchronized @Nullable String qrId() {
        return this.qrId;
    }

    /** Takes the first subscribe for {@code qrId}; {@code false} if this socket has had one, or is closed. */
    synchronized boolean claim(String qrId) {
        if (this.phase != Phase.AWAITING_SUBSCRIBE) {
            return false;
        }
        this.phase = Phase.SUBSCRIBED;
        this.qrId = qrId;
        return true;
    }

    /**
     * Sends {@code ticket}'s state if it is after the last one sent, and closes normally after a final
     * one. Ignored once closed, and for any other ticket than the one subscribed to.
     *
     * @return whether the state was sent
     */
    synchronized boolean offer(Ticket ticket) {
        if (this.phase != Phase.SUBSCRIBED || !ticket.qrId().equals(this.qrId)) {
            return false;
        }
        if (this.last != null && !ticket.state().isAfter(this.last.state())) {
            return false;
        }
        this.last = ticket;
        emit(this.messages.state(ticket));
        if (ticket.state().isFinalForBrowser()) {
            close(CloseStatus.NORMAL);
        }
        return true;
    }

    /** Whether this socket has been sent {@code state} or a later one: news of it can change nothing here. */
    synchronized boolean hasSeen(TicketState state) {
        return this.phase == Phase.CLOSED || (this.last != null && !state.isAfter(this.last.state()));
    }

    /** When the last state sent runs out, or {@code null} before the first. */
    synchronized @Nullable Instant expiresAt() {
        return (this.last != null) ? this.last.expiresAt() : null;
    }

    /** Sends {@code {"type":"error","code"}} and closes with {@code status}. */
    synchronized void fail(ProblemCode code, CloseStatus status) {
        if (this.phase == Phase.CLOSED) {
            return;
        }
        emit(this.messages.error(code));
        close(status);
    }

    /** Fails with {@code code} and {@code status} if no subscribe has come yet. */
    synchronized void failIfAwaitingSubscribe(ProblemCode code, CloseStatus status) {
        if (this.phase == Phase.AWAITING_SUBSCRIBE) {
            fail(code, status);
        }
    }

    /** Closes with {@code status} unless already closed; releases what the socket {@linkplain #track tracks}. */
    synchronized void close(CloseStatus status) {
        if (this.phase == Phase.CLOSED) {
            return;
        }
        this.phase = Phase.CLOSED;
        this.closeStatus = status;
        this.outbound.tryEmitComplete();
        this.closed.tryEmitEmpty();
        this.resources.dispose();
    }

    /** Whether the socket is closed, or closing. */
    synchronized boolean isClosed() {
        return this.phase == Phase.CLOSED;
    }

    /** Disposes {@code resource} (a timer) when the socket closes, or at once if it is closed. */
    void track(Disposable resource) {
        if (!this.resources.add(resource)) {
            resource.dispose();
        }
    }

    private void emit(String message) {
        // Only ever called under this socket's lock, so emissions are serialized.
        this.outbound.tryEmitNext(message);
    }

    private enum Phase {

        AWAITING_SUBSCRIBE, SUBSCRIBED, CLOSED
    }
}
