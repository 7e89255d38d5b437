package io.qrlogin.qr.mint;

import java.time.Duration;
import java.util.Properties;

import io.qrlogin.qr.QrProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Refuses new QR codes while Redis is nearly full, before it is full: Redis runs {@code noeviction}, so
 * a full Redis fails every write — the scans, confirms, redeems and logouts of the people signing in
 * right now included — and a flood of mints is the cheapest way to fill it. From
 * {@link QrProperties.MintGuard#maxMemoryFraction()} of {@code maxmemory} on, mints are refused with
 * {@code 503 unavailable} and {@code Retry-After}; everything else goes on, in the room that is left.
 *
 * <p>Redis's {@code INFO memory} is read every {@link QrProperties.MintGuard#sampleInterval()} in the
 * background ({@link #sampleQuietly()}, in {@link MintConfiguration}'s rounds), never per request. A Redis that does not answer, or has no {@code maxmemory}, is not
 * guarded against: the mint itself then fails or succeeds on its own. Behind a cluster, the fullest
 * node decides.
 */
final class MintGuard {

    private static final Logger logger = LoggerFactory.getLogger(MintGuard.class);

    private final ReactiveStringRedisTemplate redis;

    private final QrProperties.MintGuard settings;

    private volatile boolean refusing;

    MintGuard(ReactiveStringRedisTemplate redis, QrProperties.MintGuard settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /** Whether a mint may go on now. */
    boolean admits() {
        return !this.refusing;
    }

    /** What a refused mint is told to wait. */
    Duration retryAfter() {
        return this.settings.retryAfter();
    }

    /** Reads Redis's memory once and decides; the background sampling calls this. */
    Mono<Boolean> sample() {
        return this.redis.execute((connection) -> connection.serverCommands().info("memory"))
            .map(this::overLimit)
            .reduce(false, (any, over) -> any || over)
            .doOnNext(this::refuse);
    }

    /** One round of the background sampling: a Redis that does not answer leaves the guard as it was. */
    Mono<Boolean> sampleQuietly() {
        return sample().onErrorResume((ex) -> {
            // Redis unreachable: the mints fail on their own; the guard keeps its last word.
            logger.debug("Could not read Redis memory: {}", ex.toString());
            return Mono.empty();
        });
    }

    /** Whether the node(s) {@code info} describes use more than the allowed share of their {@code maxmemory}. */
    boolean overLimit(Properties info) {
        for (String name : info.stringPropertyNames()) {
            if (!name.equals("used_memory") && !name.endsWith(".used_memory")) {
                continue;
            }
            String prefix = name.substring(0, name.length() - "used_memory".length());
            long used = number(info.getProperty(name));
            long max = number(info.getProperty(prefix + "maxmemory"));
            if (max > 0 && used >= this.settings.maxMemoryFraction() * max) {
                return true;
            }
        }
        return false;
    }

    private void refuse(boolean over) {
        if (over != this.refusing) {
            if (over) {
                logger.warn("Redis memory above {} % of maxmemory: new QR codes are refused until it is not",
                        Math.round(this.settings.maxMemoryFraction() * 100));
            }
            else {
                logger.info("Redis memory back under the limit: new QR codes are served again");
            }
        }
        this.refusing = over;
    }

    private static long number(@Nullable String value) {
        try {
            return (value != null) ? Long.parseLong(value.strip()) : 0;
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }
}
