package io.qrlogin.session.events;

import java.time.Duration;

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

    private final SessionCommands sessions;

    private final Duration interval;

    private volatile @Nullable Disposable running;

    public SessionExpirySweeper(SessionCommands sessions, Duration interval) {
        this.sessions = sessions;
        this.interval = interval;
    }

    /** One round: ends what is due and announces it; a Redis failure is logged and the next round retries. */
    public Mono<Long> sweep() {
        return this.sessions.expireDue(BATCH)
            .count()
            .onErrorResume((ex) -> {
                logger.warn("Could not end expired sessions this round: {}", ex.toString());
                return Mono.just(0L);
            });
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
