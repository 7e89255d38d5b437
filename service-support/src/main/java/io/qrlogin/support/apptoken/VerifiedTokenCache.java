package io.qrlogin.support.apptoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A decoder that remembers the tokens its delegate verified: a phone sends the same app token for its
 * scan, its confirm and every later login of the token's life, and checking an ES256 signature on each
 * call was the largest single cost of this service (docs/benchmarks.md).
 *
 * <p>Only successes are remembered, keyed by the whole token, so a token that differs in any byte
 * (its signature included) is verified afresh, and a refused token is refused by the delegate every time.
 * A remembered token is trusted until its {@code exp} and for at most {@code maxAge}; past either, the
 * delegate verifies it again (signature, issuer, audience, timestamps).
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;

    private final @Nullable Cache<String, Jwt> verified;

    private final Duration maxAge;

    private final Clock clock;

    /**
     * @param delegate verifies the tokens not remembered
     * @param size how many verified tokens are remembered at most; {@code 0} remembers none
     * @param maxAge how long a token is trusted without a new check, at most; zero remembers none
     */
    public VerifiedTokenCache(ReactiveJwtDecoder delegate, int size, Duration maxAge) {
        this(delegate, size, maxAge, Clock.systemUTC(), Ticker.systemTicker());
    }

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, int size, Duration maxAge, Clock clock, Ticker ticker) {
        if (size < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("size and maxAge must not be negative, were " + size + " and " + maxAge);
        }
        this.delegate = delegate;
        this.maxAge = maxAge;
        this.clock = clock;
        this.verified = (size == 0 || maxAge.isZero()) ? null : Caffeine.newBuilder()
            .maximumSize(size)
            .ticker(ticker)
            .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> trustFor(jwt)))
            .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Cache<String, Jwt> verified = this.verified;
        if (verified == null) {
            return this.delegate.decode(token);
        }
        Jwt known = verified.getIfPresent(token);
        if (known != null && !expired(known)) {
            return Mono.just(known);
        }
        return this.delegate.decode(token).doOnNext((jwt) -> {
            if (!trustFor(jwt).isZero()) {
                verified.put(token, jwt);
            }
        });
    }

    /** Until the token's {@code exp}, at most {@code maxAge}; zero when it is already past. */
    private Duration trustFor(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return this.maxAge;
        }
        Duration left = Duration.between(this.clock.instant(), expiresAt);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return (left.compareTo(this.maxAge) < 0) ? left : this.maxAge;
    }

    private boolean expired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && !this.clock.instant().isBefore(expiresAt);
    }
}
