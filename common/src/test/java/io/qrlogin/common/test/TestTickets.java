package io.qrlogin.common.test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import io.qrlogin.common.pkce.Pkce;
import org.awaitility.Awaitility;
import io.qrlogin.common.ticket.AppUser;
import io.qrlogin.common.ticket.BrowserContext;
import io.qrlogin.common.ticket.QrIds;
import io.qrlogin.common.ticket.RedisTicketStore;
import io.qrlogin.common.ticket.Ticket;
import io.qrlogin.common.ticket.TicketLifetimes;
import io.qrlogin.common.ticket.TicketState;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Test fixtures: users, verifiers, stores on the shared Redis, and tickets in any state. */
public final class TestTickets {

    public static final AppUser ALICE = new AppUser("alice-sub", "Alice Example");

    public static final AppUser BOB = new AppUser("bob-sub", "Bob Example");

    public static final BrowserContext BROWSER = new BrowserContext("203.0.113.7",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36");

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final QrIds IDS = new QrIds(RANDOM);

    private static volatile ReactiveStringRedisTemplate redis;

    private TestTickets() {
    }

    /** A fresh, well-formed ticket id. */
    public static String qrId() {
        return IDS.next();
    }

    /** A fresh RFC 7636 verifier (43 characters). */
    public static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A store with the default lifetimes on the shared Redis. */
    public static RedisTicketStore store() {
        return store(TicketLifetimes.defaults());
    }

    /** A store with the given lifetimes on the shared Redis. */
    public static RedisTicketStore store(TicketLifetimes lifetimes) {
        return new RedisTicketStore(redis(), lifetimes);
    }

    /** A template on the shared Redis, for tests that look at keys directly. */
    public static ReactiveStringRedisTemplate redis() {
        if (redis == null) {
            synchronized (TestTickets.class) {
                if (redis == null) {
                    RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(TestRedis.url());
                    LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
                    factory.afterPropertiesSet();
                    factory.start();
                    redis = new ReactiveStringRedisTemplate(factory);
                }
            }
        }
        return redis;
    }

    /** A pending ticket whose browser holds {@code verifier}. */
    public static Ticket pending(RedisTicketStore store, String verifier) {
        return store.mint(qrId(), "web", Pkce.s256(verifier), BROWSER).block();
    }

    /** A pending ticket of a client that requires number matching, whose browser holds {@code verifier}. */
    public static Ticket pendingWithNumberMatching(RedisTicketStore store, String verifier) {
        return store.mint(qrId(), "web", Pkce.s256(verifier), BROWSER, true).block();
    }

    /**
     * A ticket brought to {@code state} through the real transitions; {@link #ALICE} scans it
     * (except for {@code EXPIRED}, which expires while pending, unscanned).
     */
    public static Ticket inState(TicketState state, String verifier) {
        if (state == TicketState.EXPIRED) {
            RedisTicketStore shortLived = store(new TicketLifetimes(Duration.ofMillis(1), null, null));
            Ticket ticket = pending(shortLived, verifier);
            Awaitility.await().until(() -> shortLived.expire(ticket.qrId()).block().expiredNow());
            return store().find(ticket.qrId()).block();
        }
        RedisTicketStore store = store();
        String qrId = pending(store, verifier).qrId();
        switch (state) {
            case SCANNED -> store.scan(qrId, ALICE).block();
            case CONFIRMED -> {
                store.scan(qrId, ALICE).block();
                store.confirm(qrId, ALICE).block();
            }
            case CANCELLED -> {
                store.scan(qrId, ALICE).block();
                store.cancel(qrId, ALICE).block();
            }
            case REDEEMED -> {
                store.scan(qrId, ALICE).block();
                store.confirm(qrId, ALICE).block();
                store.redeem(qrId, verifier).block();
            }
            default -> {
            }
        }
        Ticket ticket = store.find(qrId).block();
        if (ticket == null || ticket.state() != state) {
            throw new IllegalStateException("Could not bring a ticket to " + state + ": " + ticket);
        }
        return ticket;
    }
}
