package io.qrlogin.engine.redis;

import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.Command;
import io.qrlogin.core.ticket.LuaRules;
import io.qrlogin.core.ticket.MatchCodes;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.engine.redis.LuaScript;
import io.qrlogin.core.problem.ProblemCode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Tickets in Redis. Every state change is ONE Lua script that checks expiry, verifier, owner and
 * state, writes, and sets the TTL atomically, using the Redis server's clock so that every instance
 * agrees. A finished ticket stays as a tombstone for {@link TicketLifetimes#tombstone()} so late
 * calls get a precise 410 instead of a 404 — once it was scanned. A ticket that expires without ever
 * being scanned stays only {@link #UNSCANNED_TOMBSTONE}: long enough for every socket's timer to
 * announce the expiry, short enough that a flood of minted, never-used tickets cannot hold Redis
 * memory for minutes.
 *
 * <p>A wrong verifier is refused ({@code invalid_verifier}) and never changes the ticket: a verifier
 * has 256 bits, guessing cannot succeed, and burning the ticket would hand a denial of service to
 * anyone who sees the QR code. Callers count the refusals ({@code qrlogin_rejections_total}) and the
 * edge rate-limits them.
 */
public final class RedisTicketStore {

    private static final RedisScript<List> MINT = script("mint.lua", null);

    private static final RedisScript<List> TRANSITION = script("transition.lua", LuaRules.render());

    private static final RedisScript<List> FIND = script("find.lua", null);

    /** The longest a ticket that was never scanned is kept after its pending time ran out. */
    public static final Duration UNSCANNED_TOMBSTONE = Duration.ofSeconds(10);

    private final ReactiveStringRedisTemplate redis;

    private final TicketLifetimes lifetimes;

    public RedisTicketStore(ReactiveStringRedisTemplate redis, TicketLifetimes lifetimes) {
        this.redis = redis;
        this.lifetimes = lifetimes;
    }

    /**
     * Stores a new {@code PENDING} browser's ticket; its times come from the Redis clock. With
     * {@code numberMatching}, its confirm must carry the code the scan gives it.
     */
    public Mono<Ticket> mint(String qrId, String clientId, String codeChallenge, BrowserContext browser,
            boolean numberMatching) {
        return mint(qrId, clientId, codeChallenge, browser, numberMatching, TicketKind.BROWSER);
    }

    /** Stores a new {@code PENDING} ticket of {@code kind}, as {@link #mint(String, String, String, BrowserContext, boolean)}. */
    public Mono<Ticket> mint(String qrId, String clientId, String codeChallenge, BrowserContext browser,
            boolean numberMatching, TicketKind kind) {
        List<String> args = List.of(clientId, codeChallenge, orEmpty(browser.ip()), orEmpty(browser.userAgent()),
                millis(this.lifetimes.pending()), millis(unscannedTombstone()), numberMatching ? "1" : "0",
                orEmpty(browser.origin()), kind.value());
        return run(MINT, qrId, args).map((transition) -> {
            if (transition instanceof Transition.Applied applied) {
                return applied.ticket();
            }
            // 192 random bits do not collide; if they ever did, refusing is the only safe answer.
            throw new IllegalStateException("QR id collision");
        });
    }

    /** The ticket as it stands (already {@code EXPIRED} if its time ran out), or empty. */
    public Mono<Ticket> find(String qrId) {
        return execute(FIND, qrId, List.of()).mapNotNull((reply) -> {
            long now = Long.parseLong(reply.get(0));
            return (reply.size() > 1) ? parse(qrId, fields(reply, 1), now) : null;
        });
    }

    /**
     * The app user scans the ticket: {@code PENDING → SCANNED}, idempotent for that user. A ticket
     * that requires number matching keeps {@code matchCode} (a fresh {@link MatchCodes#next() code}) from
     * the first scan on; repeats keep the first one.
     */
    public Mono<Transition> scan(String qrId, AppUser user, String matchCode) {
        return scan(qrId, user, matchCode, false);
    }

    /**
     * A scan as {@link #scan(String, AppUser, String)}; with {@code requireNumberMatching}, the first scan also
     * makes a ticket minted without number matching require it (the same atomic step keeps the code).
     */
    public Mono<Transition> scan(String qrId, AppUser user, String matchCode, boolean requireNumberMatching) {
        return scan(qrId, user, matchCode, requireNumberMatching, null);
    }

    /**
     * A scan as {@link #scan(String, AppUser, String, boolean)}; the first scan also keeps {@code sameNetwork}
     * (whether the app was on the browser's network; {@code null}: not judged) with the ticket, in the same step.
     */
    public Mono<Transition> scan(String qrId, AppUser user, String matchCode, boolean requireNumberMatching,
            @Nullable Boolean sameNetwork) {
        if (!MatchCodes.isWellFormed(matchCode)) {
            throw new IllegalArgumentException("A match code is two digits");
        }
        return transition(qrId, Command.SCAN, user, "", matchCode, requireNumberMatching,
                (sameNetwork == null) ? "" : (sameNetwork ? "1" : "0"));
    }

    /**
     * The scanning user confirms: {@code SCANNED → CONFIRMED}; the browser then has
     * {@link TicketLifetimes#confirmed()} to redeem. When the ticket requires number matching and
     * {@code matchCode} is not its code (or is missing), the same atomic step cancels the ticket
     * instead and answers {@code match_code_mismatch}: a rejection that changed the ticket to
     * {@code CANCELLED}, which the caller announces.
     */
    public Mono<Transition> confirm(String qrId, AppUser user, @Nullable String matchCode) {
        return transition(qrId, Command.CONFIRM, user, "", orEmpty(matchCode));
    }

    /** The scanning user cancels: {@code PENDING|SCANNED → CANCELLED}. */
    public Mono<Transition> cancel(String qrId, AppUser user) {
        return transition(qrId, Command.CANCEL, user, "", "");
    }

    /** The browser redeems with its PKCE verifier: {@code CONFIRMED → REDEEMED}, exactly once. */
    public Mono<Transition> redeem(String qrId, String codeVerifier) {
        return transition(qrId, Command.REDEEM, null, Pkce.s256(codeVerifier), "");
    }

    /**
     * The browser refuses the login with its PKCE verifier: {@code PENDING|SCANNED|CONFIRMED → CANCELLED}, a
     * repeat harmless; a redeemed or expired ticket is gone.
     */
    public Mono<Transition> decline(String qrId, String codeVerifier) {
        return transition(qrId, Command.DECLINE, null, Pkce.s256(codeVerifier), "");
    }

    /**
     * Checks the browser's verifier without changing the ticket: {@code Applied} (unchanged) when it
     * matches, {@code invalid_verifier} (the ticket untouched) when not.
     */
    public Mono<Transition> verify(String qrId, String codeVerifier) {
        return transition(qrId, Command.VERIFY, null, Pkce.s256(codeVerifier), "");
    }

    /** Moves a ticket whose time ran out to {@code EXPIRED}; {@link Transition#expiredNow()} tells whether this call did it. */
    public Mono<Transition> expire(String qrId) {
        return transition(qrId, Command.EXPIRE, null, "", "");
    }

    private Mono<Transition> transition(String qrId, Command command, @Nullable AppUser actor, String challenge,
            String matchCode) {
        return transition(qrId, command, actor, challenge, matchCode, false, "");
    }

    private Mono<Transition> transition(String qrId, Command command, @Nullable AppUser actor, String challenge,
            String matchCode, boolean requireNumberMatching, String sameNetwork) {
        List<String> args = List.of(command.name(), (actor != null) ? actor.subject() : "",
                (actor != null) ? actor.name() : "", challenge, millis(this.lifetimes.confirmed()),
                millis(this.lifetimes.tombstone()), millis(unscannedTombstone()), matchCode,
                requireNumberMatching ? "1" : "0", sameNetwork);
        return run(TRANSITION, qrId, args);
    }

    private Duration unscannedTombstone() {
        Duration tombstone = this.lifetimes.tombstone();
        return (tombstone.compareTo(UNSCANNED_TOMBSTONE) < 0) ? tombstone : UNSCANNED_TOMBSTONE;
    }

    private Mono<Transition> run(RedisScript<List> script, String qrId, List<String> args) {
        return execute(script, qrId, args).map((reply) -> toTransition(qrId, reply));
    }

    private Mono<List<String>> execute(RedisScript<List> script, String qrId, List<String> args) {
        return this.redis.execute(script, List.of(TicketKeys.ticket(qrId)), args)
            .reduce(new ArrayList<String>(), (all, part) -> {
                for (Object item : part) {
                    all.add((String) item);
                }
                return all;
            })
            .map((reply) -> (List<String>) reply);
    }

    private static Transition toTransition(String qrId, List<String> reply) {
        boolean applied = "APPLIED".equals(reply.get(0));
        boolean changed = "1".equals(reply.get(3));
        boolean expiredNow = "1".equals(reply.get(2));
        long now = Long.parseLong(reply.get(4));
        Ticket ticket = (reply.size() > 5) ? parse(qrId, fields(reply, 5), now) : null;
        if (applied) {
            return new Transition.Applied(ticket, changed, expiredNow);
        }
        String detail = reply.get(1);
        ProblemCode reason = "qr_conflict".equals(detail) ? ProblemCode.INTERNAL_ERROR : ProblemCode.fromCode(detail);
        return new Transition.Rejected(reason, ticket, expiredNow);
    }

    private static Map<String, String> fields(List<String> reply, int from) {
        Map<String, String> fields = new HashMap<>();
        for (int i = from; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i), reply.get(i + 1));
        }
        return fields;
    }

    private static Ticket parse(String qrId, Map<String, String> fields, long now) {
        TicketState state = TicketState.valueOf(fields.get("state"));
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt")));
        if (!state.isTerminal() && now >= expiresAt.toEpochMilli()) {
            state = TicketState.EXPIRED;
        }
        String subject = fields.get("subject");
        AppUser scannedBy = (subject != null) ? new AppUser(subject, fields.getOrDefault("subjectName", subject)) : null;
        return new Ticket(qrId, state, fields.get("clientId"), fields.get("challenge"),
                new BrowserContext(emptyToNull(fields.get("ip")), emptyToNull(fields.get("userAgent")),
                        emptyToNull(fields.get("origin"))),
                Instant.ofEpochMilli(Long.parseLong(fields.get("createdAt"))), expiresAt,
                Instant.ofEpochMilli(Long.parseLong(fields.get("updatedAt"))), scannedBy,
                instant(fields.get("confirmedAt")), "1".equals(fields.get("numberMatching")),
                emptyToNull(fields.get("matchCode")), TicketKind.fromValue(fields.get("kind")),
                verdict(fields.get("sameNetwork")));
    }

    private static @Nullable Boolean verdict(@Nullable String flag) {
        return (flag != null) ? "1".equals(flag) : null;
    }

    private static @Nullable Instant instant(@Nullable String epochMillis) {
        return (epochMillis != null) ? Instant.ofEpochMilli(Long.parseLong(epochMillis)) : null;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static String orEmpty(@Nullable String value) {
        return (value != null) ? value : "";
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return (value == null || value.isEmpty()) ? null : value;
    }

    private static RedisScript<List> script(String name, @Nullable String rules) {
        String source = LuaScript.read(RedisTicketStore.class, name);
        return LuaScript.of((rules != null) ? source.replace("--RULES--", rules) : source, List.class);
    }
}
