package io.qrlogin.engine.testing;

import java.time.Duration;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.testing.TestRedis;
import org.awaitility.Awaitility;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BROWSER;
import static io.qrlogin.testing.TestTickets.qrId;

/** Tickets stored in the shared test Redis, brought to any state through the real transitions. */
public final class RedisTickets {

    /**
     * The match code the scans here offer. Only a ticket that requires number matching keeps it, so its
     * confirm must then present it.
     */
    public static final String MATCH_CODE = "42";

    private static volatile ReactiveStringRedisTemplate redis;

    private RedisTickets() {
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
            synchronized (RedisTickets.class) {
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
        return store.mint(qrId(), "web", Pkce.s256(verifier), BROWSER, false).block();
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
            case SCANNED -> store.scan(qrId, ALICE, MATCH_CODE).block();
            case CONFIRMED -> {
                store.scan(qrId, ALICE, MATCH_CODE).block();
                store.confirm(qrId, ALICE, null).block();
            }
            case CANCELLED -> {
                store.scan(qrId, ALICE, MATCH_CODE).block();
                store.cancel(qrId, ALICE).block();
            }
            case REDEEMED -> {
                store.scan(qrId, ALICE, MATCH_CODE).block();
                store.confirm(qrId, ALICE, null).block();
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
