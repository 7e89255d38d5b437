package io.qrlogin.oidc.device;

import java.time.Duration;
import java.util.List;

import io.qrlogin.core.pkce.Pkce;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * How often a device may poll (RFC 8628 §3.5): once per interval, counted atomically in Redis with the
 * Redis clock, so every instance agrees. A poll that comes sooner gets {@code slow_down}, and the
 * device's interval grows by five seconds for this and every later poll.
 */
public final class PollPacing {

    /** What a too-early poll adds to the interval (RFC 8628 §3.5). */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    /** How much sooner than the interval a poll may arrive: network jitter is not the device's fault. */
    static final Duration LEEWAY = Duration.ofMillis(250);

    private static final RedisScript<List> POLL = RedisScript.of(new ClassPathResource("poll.lua", PollPacing.class),
            List.class);

    private final StringRedisTemplate redis;

    private final Duration interval;

    /** @param interval how long a device waits between polls unless told to slow down */
    public PollPacing(StringRedisTemplate redis, Duration interval) {
        this.redis = redis;
        this.interval = interval;
    }

    /** The interval a device is told to keep between polls. */
    public Duration interval() {
        return this.interval;
    }

    /**
     * Records a poll with {@code deviceCode}, which lives for {@code lifetime}.
     *
     * @return whether the poll came in time; {@code false} means {@code slow_down}
     */
    public boolean inTime(String deviceCode, Duration lifetime) {
        List<?> reply = this.redis.execute(POLL, List.of(key(deviceCode)), Long.toString(this.interval.toMillis()),
                Long.toString(SLOW_DOWN_STEP.toMillis()), Long.toString(Math.max(1, lifetime.toMillis())),
                Long.toString(LEEWAY.toMillis()));
        return reply != null && !reply.isEmpty() && Long.valueOf(1).equals(reply.get(0));
    }

    /** Keyed by a hash of the device code: no key gives the code away. */
    private static String key(String deviceCode) {
        return "qrlogin:oidc:{" + Pkce.s256(deviceCode) + "}:poll";
    }
}
