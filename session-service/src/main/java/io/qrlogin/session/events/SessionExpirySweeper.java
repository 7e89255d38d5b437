package io.qrlogin.session.events;

import io.qrlogin.session.store.RedisSessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Ends, every few seconds ({@link SessionEventsConfiguration}'s rounds), the sessions whose idle timeout or max
 * lifetime has passed, and announces each end once ({@code SESSION_ENDED}, reason {@code expired}). Every instance
 * runs one; the store's schedule hands each due session to exactly one of them ({@link RedisSessionStore#expireDue}).
 * Liveness never waits for it: a token of such a session is refused from its deadline on.
 */
public final class SessionExpirySweeper {

    private static final Logger logger = LoggerFactory.getLogger(SessionExpirySweeper.class);

    /** Sessions ended per round at most; the next round takes the rest. */
    static final int BATCH = 200;

    private final SessionCommands sessions;

    public SessionExpirySweeper(SessionCommands sessions) {
        this.sessions = sessions;
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
}
