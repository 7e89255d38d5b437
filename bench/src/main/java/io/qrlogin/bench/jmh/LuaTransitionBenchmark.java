package io.qrlogin.bench.jmh;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The ticket Lua scripts as the services run them (ticket-engine's {@code RedisTicketStore} over Lettuce),
 * one caller waiting for each answer: the round trip is the cost. Needs a Redis server:
 * {@code -Dqrlogin.bench.redis-port=6379} (the local system's). {@code emptyScript} is the floor:
 * one {@code EVALSHA} that does nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LuaTransitionBenchmark extends OneThreadBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final RedisScript<Long> EMPTY = RedisScript.of("return 1", Long.class);

    private static final AppUser ALICE = new AppUser("alice", "Alice");

    /** The code a scan offers; these tickets do not require number matching, so none keeps it. */
    private static final String MATCH_CODE = "42";

    private static final BrowserContext BROWSER = new BrowserContext("127.0.0.1", "bench");

    private LettuceConnectionFactory connections;

    private ReactiveStringRedisTemplate redis;

    private RedisTicketStore tickets;

    private String verifier;

    private String challenge;

    @Setup
    public void setUp() {
        int port = Integer.getInteger("qrlogin.bench.redis-port", 6379);
        this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        this.connections.afterPropertiesSet();
        this.connections.start();
        this.redis = new ReactiveStringRedisTemplate(this.connections);
        this.tickets = new RedisTicketStore(this.redis, new TicketLifetimes(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
        this.verifier = "bench-verifier-bench-verifier-bench-verifier-0123";
        this.challenge = Pkce.s256(this.verifier);
    }

    @TearDown
    public void tearDown() {
        this.connections.destroy();
    }

    @Benchmark
    public Long emptyScript() {
        return this.redis.execute(EMPTY, List.of("qrlogin:{bench}:x"), List.of()).blockFirst(WAIT);
    }

    @Benchmark
    public Object mint() {
        return this.tickets.mint(id(), "web", this.challenge, BROWSER, false).block(WAIT);
    }

    /** A whole ticket's life: mint, scan, confirm, redeem: four scripts. */
    @Benchmark
    public Object mintScanConfirmRedeem() {
        String qrId = id();
        this.tickets.mint(qrId, "web", this.challenge, BROWSER, false).block(WAIT);
        this.tickets.scan(qrId, ALICE, MATCH_CODE).block(WAIT);
        this.tickets.confirm(qrId, ALICE, null).block(WAIT);
        return this.tickets.redeem(qrId, this.verifier).block(WAIT);
    }

    private static String id() {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
