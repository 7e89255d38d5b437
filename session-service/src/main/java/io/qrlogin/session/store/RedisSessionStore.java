package io.qrlogin.session.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qrlogin.engine.redis.LuaScript;
import io.qrlogin.session.token.SessionToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Sessions in Redis, so that a token can be ended before it expires and a user's sessions can be
 * listed. A token is live while its session hash names it and it is not marked revoked: a lost or
 * expired session refuses the token (fail closed), and the revocation mark guards against a session
 * written again by a late retry. A session opened at redeem also ends when it has been idle longer than
 * its idle timeout or reaches its absolute deadline: checked on every use, and ended (once, across all
 * instances) by {@link #expireDue}, which a sweeper calls. Every key expires on its own, so nothing
 * outlives its session.
 */
public final class RedisSessionStore {

    private static final LuaScript<Long> OPEN = LuaScript.load(RedisSessionStore.class, "open-session.lua", Long.class);

    private static final LuaScript<Long> INDEX = LuaScript.load(RedisSessionStore.class, "index-session.lua", Long.class);

    private static final LuaScript<Long> CHECK = LuaScript.load(RedisSessionStore.class, "check-session.lua", Long.class);

    @SuppressWarnings("rawtypes")
    private static final LuaScript<List> END = LuaScript.load(RedisSessionStore.class, "end-session.lua", List.class);

    @SuppressWarnings("rawtypes")
    private static final LuaScript<List> CLAIM = LuaScript.load(RedisSessionStore.class, "claim-due.lua", List.class);

    @SuppressWarnings("rawtypes")
    private static final LuaScript<List> EXPIRE = LuaScript.load(RedisSessionStore.class, "expire-session.lua", List.class);

    /** A session's {@code lastSeenAt} is written at most this often: a write per request would make every read a write. */
    public static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

    /**
     * How long a session's hash outlives its deadline: the sweeper, not Redis' expiry, must find it ended, or
     * its end would not be announced. Its liveness is decided by the deadline, never by this.
     */
    static final Duration SWEEP_GRACE = Duration.ofSeconds(30);

    /** How long a claimed, due session is hidden from the other sweepers while its claimer ends it. */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);

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

    /** Records the session {@code token} opens, ending with the token, and lists it under its user. */
    public Mono<Void> open(SessionToken token) {
        Mono<Long> index = this.redis.execute(INDEX, List.of(SessionKeys.userSessions(token.subject())),
                List.of(token.sessionId(), Long.toString(token.expiresAt().getEpochSecond()), nowSeconds()))
            .next();
        return write(token, token.expiresAt(), fields(token)).then(index).then();
    }

    /**
     * Records the session {@code token} opens with what its user is shown of it, ending at
     * {@code details.deadline()} or after {@code details.idleTimeout()} unused, and lists it under its user.
     */
    public Mono<Void> open(SessionToken token, SessionDetails details) {
        List<String> fields = fields(token);
        optional(fields, "browser", details.browser());
        optional(fields, "os", details.os());
        optional(fields, "ip", details.ip());
        optional(fields, "sameNetwork", (details.sameNetwork() != null) ? (details.sameNetwork() ? "1" : "0") : null);
        String signedInAt = Long.toString(details.signedInAt().toEpochMilli());
        fields.addAll(List.of("signedInAt", signedInAt, "lastSeenAt", signedInAt, "deadline",
                Long.toString(details.deadline().toEpochMilli()), "idle", Long.toString(details.idleTimeout().toMillis())));
        Instant firstDue = details.signedInAt().plus(details.idleTimeout());
        if (details.deadline().isBefore(firstDue)) {
            firstDue = details.deadline();
        }
        Mono<Boolean> scheduled = this.redis.opsForZSet()
            .add(SessionKeys.deadlines(), token.sessionId(), (double) firstDue.toEpochMilli());
        return scheduled.then(write(token, details.deadline().plus(SWEEP_GRACE), fields)).then(this.redis
            .execute(INDEX, List.of(SessionKeys.userSessions(token.subject())), List.of(token.sessionId(),
                    Long.toString(details.deadline().getEpochSecond()), nowSeconds()))
            .then());
    }

    private Mono<Void> write(SessionToken token, Instant expiresAt, List<String> fields) {
        List<String> args = new ArrayList<>(List.of(Long.toString(expiresAt.toEpochMilli())));
        args.addAll(fields);
        return this.redis.execute(OPEN, List.of(SessionKeys.session(token.sessionId())), args).next().then();
    }

    private static List<String> fields(SessionToken token) {
        return new ArrayList<>(List.of("sub", token.subject(), "name", token.name(), TOKEN_ID, token.tokenId(),
                "clientId", token.clientId(), "iat", Long.toString(token.issuedAt().getEpochSecond()), "exp",
                Long.toString(token.expiresAt().getEpochSecond()), "method", token.method()));
    }

    private static void optional(List<String> fields, String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            fields.add(name);
            fields.add(value);
        }
    }

    /**
     * Whether the token {@code tokenId} of session {@code sessionId} may still be used: the session names it,
     * is neither idle too long nor past its deadline, and the token is not revoked. A live answer counts as
     * the session's activity.
     */
    public Mono<Boolean> isLive(String sessionId, String tokenId) {
        Mono<Boolean> current = check(sessionId, tokenId);
        Mono<Boolean> revoked = this.redis.hasKey(SessionKeys.revoked(tokenId));
        return Mono.zip(current, revoked, (isCurrent, isRevoked) -> isCurrent && !isRevoked);
    }

    /**
     * Whether session {@code sessionId} is live, whichever token it holds (the OpenID Provider asks at every
     * refresh); a live answer counts as its activity.
     */
    public Mono<Boolean> touch(String sessionId) {
        return check(sessionId, "");
    }

    private Mono<Boolean> check(String sessionId, String tokenId) {
        return this.redis.execute(CHECK, List.of(SessionKeys.session(sessionId)),
                List.of(tokenId, nowMillis(), Long.toString(LAST_SEEN_RESOLUTION.toMillis())))
            .next()
            .map((live) -> live == 1L)
            .defaultIfEmpty(false);
    }

    /**
     * Ends a session: the token is refused from the first step on, whatever happens to the others;
     * each step may be repeated.
     */
    public Mono<Void> close(String subject, String sessionId, String tokenId, Instant expiresAt) {
        return logout(subject, sessionId, tokenId, expiresAt).then();
    }

    /**
     * Ends a session as {@link #close} does, with the session this call ended: empty when it had already ended
     * (or names another token), so that only one caller announces the end.
     */
    public Mono<EndedSession> logout(String subject, String sessionId, String tokenId, Instant expiresAt) {
        Mono<Boolean> revoke = revoke(sessionId, tokenId, expiresAt);
        return revoke.then(end(sessionId, tokenId, "")).flatMap((ended) -> unlist(subject, sessionId).thenReturn(ended));
    }

    /**
     * Ends session {@code sessionId} of user {@code subject}, whichever token it holds: empty when there is no
     * such live session of that user (another user's session is left alone).
     */
    public Mono<EndedSession> revoke(String subject, String sessionId) {
        return endAndUnlist(sessionId, subject);
    }

    /**
     * Ends session {@code sessionId} whoever it belongs to and whichever token it holds (the OpenID Provider,
     * after a client's logout there): empty when it had already ended.
     */
    public Mono<EndedSession> end(String sessionId) {
        return endAndUnlist(sessionId, "");
    }

    /** Ends the session whichever token it holds (of {@code subject}, or of anyone when it is empty), and unlists it. */
    private Mono<EndedSession> endAndUnlist(String sessionId, String subject) {
        return end(sessionId, "", subject).flatMap((ended) -> unlist(ended.subject(), sessionId).thenReturn(ended));
    }

    private Mono<EndedSession> end(String sessionId, String tokenId, String subject) {
        return reply(this.redis.execute(END, List.of(SessionKeys.session(sessionId)), List.of(tokenId, subject)))
            .filter((reply) -> reply.size() == 4)
            .flatMap((reply) -> {
                String jti = (String) reply.get(0);
                Instant exp = Instant.ofEpochSecond(Long.parseLong((String) reply.get(1)));
                EndedSession ended = new EndedSession(sessionId, (String) reply.get(2), (String) reply.get(3));
                return revoke(sessionId, jti, exp).thenReturn(ended);
            });
    }

    private Mono<Boolean> revoke(String sessionId, String tokenId, Instant expiresAt) {
        Duration remaining = Duration.between(this.clock.instant(), expiresAt.plus(this.leeway));
        return remaining.isNegative() || remaining.isZero() ? Mono.just(true)
                : this.redis.opsForValue().set(SessionKeys.revoked(tokenId), sessionId, remaining);
    }

    private Mono<Void> unlist(String subject, String sessionId) {
        return this.redis.opsForZSet().remove(SessionKeys.userSessions(subject), sessionId)
            .then(this.redis.opsForZSet().remove(SessionKeys.deadlines(), sessionId))
            .then();
    }

    /** The sessions of a user that have not expired, each with when it ends at the latest. */
    public Flux<ActiveSession> sessionsOf(String subject) {
        Range<Double> live = Range.rightUnbounded(Range.Bound.exclusive((double) this.clock.instant().getEpochSecond()));
        return this.redis.opsForZSet()
            .rangeByScoreWithScores(SessionKeys.userSessions(subject), live)
            .map((entry) -> new ActiveSession(entry.getValue(), Instant.ofEpochSecond(entry.getScore().longValue())));
    }

    /**
     * The live sessions of {@code subject}, as the user is shown them, oldest first. Reading counts as no
     * activity; a session idle too long or past its deadline is left out even before the sweeper ends it.
     */
    public Flux<LinkedSession> linkedSessionsOf(String subject) {
        long now = this.clock.millis();
        return sessionsOf(subject).concatMap((active) -> this.redis.<String, String>opsForHash()
            .entries(SessionKeys.session(active.sessionId()))
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
            .mapNotNull((fields) -> linked(active.sessionId(), subject, fields, now)));
    }

    private static @Nullable LinkedSession linked(String sessionId, String subject, Map<String, String> fields,
            long now) {
        if (!subject.equals(fields.get("sub"))) {
            return null;
        }
        long signedInAt = number(fields, "signedInAt", Long.parseLong(fields.getOrDefault("iat", "0")) * 1000);
        long lastSeenAt = number(fields, "lastSeenAt", signedInAt);
        long deadline = number(fields, "deadline", Long.MAX_VALUE);
        long idle = number(fields, "idle", Long.MAX_VALUE - lastSeenAt);
        if (now >= deadline || now >= lastSeenAt + idle) {
            return null;
        }
        String sameNetwork = fields.get("sameNetwork");
        return new LinkedSession(sessionId, subject, fields.getOrDefault("clientId", ""), fields.get("browser"),
                fields.get("os"), fields.get("ip"), (sameNetwork != null) ? "1".equals(sameNetwork) : null,
                fields.getOrDefault("method", SessionToken.METHOD_QR), Instant.ofEpochMilli(signedInAt),
                Instant.ofEpochMilli(lastSeenAt));
    }

    private static long number(Map<String, String> fields, String name, long otherwise) {
        String value = fields.get(name);
        return (value != null) ? Long.parseLong(value) : otherwise;
    }

    /**
     * Ends up to {@code limit} sessions whose idle timeout or deadline has passed, and answers those this
     * call ended. Safe to run on every instance at once: each due session is claimed by one caller (a lease
     * in the shared schedule), and only the call that deletes a session reports it.
     */
    @SuppressWarnings("unchecked")
    public Flux<EndedSession> expireDue(int limit) {
        String now = nowMillis();
        return this.redis.execute(CLAIM, List.of(SessionKeys.deadlines()),
                List.of(now, Long.toString(CLAIM_LEASE.toMillis()), Integer.toString(limit)))
            .concatMapIterable((List due) -> (List<String>) due)
            .concatMap((sessionId) -> reply(
                    this.redis.execute(EXPIRE, List.of(SessionKeys.session(sessionId)), List.of(nowMillis())))
                .flatMap((reply) -> settle(sessionId, reply)));
    }

    /** A script's array reply, which the driver may hand over in parts, as one list. */
    @SuppressWarnings("rawtypes")
    private static Mono<List<Object>> reply(Flux<List> parts) {
        return parts.reduce(new ArrayList<Object>(), (all, part) -> {
            all.addAll(part);
            return all;
        });
    }

    private Mono<EndedSession> settle(String sessionId, List<?> reply) {
        if (reply.isEmpty()) {
            return this.redis.opsForZSet().remove(SessionKeys.deadlines(), sessionId).then(Mono.empty());
        }
        if ("live".equals(reply.get(0))) {
            return this.redis.opsForZSet()
                .add(SessionKeys.deadlines(), sessionId, Double.parseDouble((String) reply.get(1)))
                .then(Mono.empty());
        }
        EndedSession ended = new EndedSession(sessionId, (String) reply.get(1), (String) reply.get(2));
        return unlist(ended.subject(), sessionId).thenReturn(ended);
    }

    private String nowSeconds() {
        return Long.toString(this.clock.instant().getEpochSecond());
    }

    private String nowMillis() {
        return Long.toString(this.clock.millis());
    }
}
