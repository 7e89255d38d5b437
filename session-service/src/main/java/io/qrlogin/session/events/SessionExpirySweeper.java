package io.qrlogin.session.events;

import java.time.Clock;
import java.time.Duration;

import io.qrlogin.session.store.EndedSession;
import io.qrlogin.session.store.RedisSessionStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Ends, every few seconds, the sessions whose idle timeout or max lifetime has passed, and announces each
 * end once ({@code SESSION_ENDED}, reason {@code expired}). Every instance runs one; the store's schedule
 * hands each due session to exactly one of them ({@link RedisSessionStore#expireDue}). Liveness never waits
 * for it: a token of such a session is refused from its deadline on.
 */
public final class SessionExpirySweeper implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(SessionExpirySweeper.class);

    /** Sessions ended per round at most; the next round takes the rest. */
    static final int BATCH = 200;

    private final RedisSessionStore sessions;

    private final SessionEventPublisher events;

    private final Duration interval;

    private final Clock clock;

    private volatile @Nullable Disposable running;

    public SessionExpirySweeper(RedisSessionStore sessions, SessionEventPublisher events, Duration interval,
            Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.interval = interval;
        this.clock = clock;
    }

    /** One round: ends what is due and announces it; a Redis failure is logged and the next round retries. */
    public Mono<Long> sweep() {
        return this.sessions.expireDue(BATCH)
            .doOnNext(this::announce)
            .count()
            .onErrorResume((ex) -> {
                logger.warn("Could not end expired sessions this round: {}", ex.toString());
                return Mono.just(0L);
            });
    }

    private void announce(EndedSession ended) {
        logger.debug("Session {} expired", ended.sessionId());
        this.events.publish(SessionEvent.ended(ended.sessionId(), ended.subject(), ended.clientId(),
                SessionEvent.Reason.EXPIRED, this.clock.instant()));
    }

    @Override
    public void start() {
        this.running = Flux.interval(this.interval, this.interval)
            .onBackpressureDrop()
            .concatMap((tick) -> sweep(), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = this.running;
        if (running != null) {
            running.dispose();
            this.running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.running != null;
    }
}
