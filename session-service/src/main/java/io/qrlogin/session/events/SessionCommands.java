package io.qrlogin.session.events;

import java.time.Clock;
import java.time.Instant;

import io.qrlogin.engine.observability.TracedLogging;
import io.qrlogin.session.store.EndedSession;
import io.qrlogin.session.store.LinkedSession;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.store.SessionDetails;
import io.qrlogin.session.token.SessionToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What callers do to sessions, as {@link io.qrlogin.engine.TicketCommands} is for tickets: each change is one
 * atomic step of the store, and each start or end it makes is announced on the session stream, once, with its
 * reason. Controllers and the sweeper are adapters around it. The announcement is detached from the caller
 * ({@link SessionEventPublisher}): the change is already true in Redis, so a broker that is away never fails it.
 *
 * @param sessions the sessions in Redis
 * @param events the session stream
 * @param clock when an end is announced
 */
public record SessionCommands(RedisSessionStore sessions, SessionEventPublisher events, Clock clock) {

    private static final Logger logger = LoggerFactory.getLogger(SessionCommands.class);

    /** Records the session a redeemed ticket became, then announces its start. */
    public Mono<Void> open(SessionToken token, SessionDetails details) {
        return this.sessions.open(token, details)
            .doOnEach(TracedLogging.onError((ex) -> logger.warn(
                    "Could not record session {} of a redeemed ticket: {}", token.sessionId(), ex.toString())))
            .then(Mono.fromRunnable(() -> this.events.publish(SessionEvent.started(token.sessionId(),
                    token.subject(), token.clientId(), token.issuedAt()))));
    }

    /** The user's live sessions, oldest first, as the phone lists them; a query, which changes nothing. */
    public Flux<LinkedSession> linkedSessionsOf(String subject) {
        return this.sessions.linkedSessionsOf(subject);
    }

    /** Whether the session is live, counting the ask as its activity ({@link RedisSessionStore#touch}). */
    public Mono<Boolean> touch(String sessionId) {
        return this.sessions.touch(sessionId);
    }

    /** The session's own token logs it out; empty when it had ended already. */
    public Mono<EndedSession> logout(String subject, String sessionId, String tokenId, Instant expiresAt) {
        return this.sessions.logout(subject, sessionId, tokenId, expiresAt)
            .doOnEach(TracedLogging.onNext((ended) -> announce(ended, SessionEvent.Reason.LOGOUT)));
    }

    /** A client logged out at the OpenID Provider, so the session ends for all; empty when it had ended already. */
    public Mono<EndedSession> end(String sessionId) {
        return this.sessions.end(sessionId)
            .doOnEach(TracedLogging.onNext((ended) -> announce(ended, SessionEvent.Reason.LOGOUT)));
    }

    /** The user signs one of their sessions out from the phone; empty when it is not theirs or has ended. */
    public Mono<EndedSession> revoke(String subject, String sessionId) {
        return this.sessions.revoke(subject, sessionId)
            .doOnEach(TracedLogging.onNext((ended) -> announce(ended, SessionEvent.Reason.REVOKED)));
    }

    /** The user signs out everywhere from the phone: each of their sessions, one after the other. */
    public Flux<EndedSession> revokeAll(String subject) {
        return this.sessions.sessionsOf(subject).concatMap((active) -> revoke(subject, active.sessionId()));
    }

    /** Ends up to {@code limit} sessions whose idle timeout or max lifetime has passed ({@link RedisSessionStore#expireDue}). */
    public Flux<EndedSession> expireDue(int limit) {
        return this.sessions.expireDue(limit)
            .doOnEach(TracedLogging.onNext((ended) -> announce(ended, SessionEvent.Reason.EXPIRED)));
    }

    private void announce(EndedSession ended, SessionEvent.Reason reason) {
        logger.debug("Session {} ended: {}", ended.sessionId(), reason.value());
        this.events.publish(SessionEvent.ended(ended.sessionId(), ended.subject(), ended.clientId(), reason,
                this.clock.instant()));
    }
}
