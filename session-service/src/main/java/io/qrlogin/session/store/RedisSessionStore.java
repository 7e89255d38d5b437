package io.qrlogin.session.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.qrlogin.engine.redis.LuaScript;
import io.qrlogin.session.token.SessionToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Sessions in Redis, so that a token can be ended before it expires and a user's sessions can be
 * listed. A token is live while its session hash names it and it is not marked revoked: a lost or
 * expired session refuses the token (fail closed), and the revocation mark guards against a session
 * written again by a late retry. Every key expires with the token, so nothing outlives it.
 */
public final class RedisSessionStore {

    private static final LuaScript<Long> OPEN = LuaScript.load(RedisSessionStore.class, "open-session.lua", Long.class);

    private static final LuaScript<Long> INDEX = LuaScript.load(RedisSessionStore.class, "index-session.lua", Long.class);

    private static final LuaScript<Long> CLOSE = LuaScript.load(RedisSessionStore.class, "close-session.lua", Long.class);

    private static final String TOKEN_ID = "jti";

    private final ReactiveStringRedisTemplate redis;

    private final Clock clock;

    private final Duration leeway;

    /**
     * @param leeway how long past its expiry a token's signature check still accepts it, so a
     * revocation lasts as long
     */
    public RedisSessionStore(ReactiveStringRedisTemplate redis, Clock clock, Duration leeway) {
        this.redis = redis;
        this.clock = clock;
        this.leeway = leeway;
    }

    /** Records the session {@code token} opens, and lists it under its user. */
    public Mono<Void> open(SessionToken token) {
        List<String> args = new ArrayList<>(List.of(Long.toString(token.expiresAt().toEpochMilli())));
        args.addAll(List.of("sub", token.subject(), "name", token.name(), TOKEN_ID, token.tokenId(), "clientId",
                token.clientId(), "iat", Long.toString(token.issuedAt().getEpochSecond()), "exp",
                Long.toString(token.expiresAt().getEpochSecond()), "method", token.method()));
        Mono<Long> session = this.redis.execute(OPEN, List.of(SessionKeys.session(token.sessionId())), args).next();
        Mono<Long> index = this.redis.execute(INDEX, List.of(SessionKeys.userSessions(token.subject())),
                List.of(token.sessionId(), Long.toString(token.expiresAt().getEpochSecond()), nowSeconds()))
            .next();
        return session.then(index).then();
    }

    /** Whether the token {@code tokenId} of session {@code sessionId} may still be used. */
    public Mono<Boolean> isLive(String sessionId, String tokenId) {
        Mono<Boolean> current = this.redis.<String, String>opsForHash()
            .get(SessionKeys.session(sessionId), TOKEN_ID)
            .map(tokenId::equals)
            .defaultIfEmpty(false);
        Mono<Boolean> revoked = this.redis.hasKey(SessionKeys.revoked(tokenId));
        return Mono.zip(current, revoked, (isCurrent, isRevoked) -> isCurrent && !isRevoked);
    }

    /**
     * Ends a session: the token is refused from the first step on, whatever happens to the others;
     * each step may be repeated.
     */
    public Mono<Void> close(String subject, String sessionId, String tokenId, Instant expiresAt) {
        Duration remaining = Duration.between(this.clock.instant(), expiresAt.plus(this.leeway));
        Mono<Boolean> revoke = remaining.isNegative() || remaining.isZero() ? Mono.just(true)
                : this.redis.opsForValue().set(SessionKeys.revoked(tokenId), sessionId, remaining);
        Mono<Long> session = this.redis.execute(CLOSE, List.of(SessionKeys.session(sessionId)), List.of(tokenId)).next();
        Mono<Long> index = this.redis.opsForZSet().remove(SessionKeys.userSessions(subject), sessionId);
        return revoke.then(session).then(index).then();
    }

    /** The sessions of {@code subject} that have not expired or ended, soonest to expire first. */
    public Flux<ActiveSession> sessionsOf(String subject) {
        Range<Double> live = Range.rightUnbounded(Range.Bound.exclusive((double) this.clock.instant().getEpochSecond()));
        return this.redis.opsForZSet()
            .rangeByScoreWithScores(SessionKeys.userSessions(subject), live)
            .map((entry) -> new ActiveSession(entry.getValue(), Instant.ofEpochSecond(entry.getScore().longValue())));
    }

    private String nowSeconds() {
        return Long.toString(this.clock.instant().getEpochSecond());
    }
}
