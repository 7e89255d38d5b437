package io.qrlogin.support.apptoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    private final CountingDecoder delegate = new CountingDecoder();

    private final VerifiedTokenCache decoder = new VerifiedTokenCache(this.delegate, 100,
            Duration.ofMinutes(2), this.clock, this.clock::nanos);

    @Test
    void decodeWhenSeenBeforeThenNotVerifiedAgain() {
        this.delegate.expiresIn(Duration.ofHours(1));

        Jwt first = this.decoder.decode("token-a").block();
        Jwt second = this.decoder.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(this.delegate.calls).containsExactly("token-a");
    }

    @Test
    void decodeWhenAnotherTokenThenVerified() {
        this.delegate.expiresIn(Duration.ofHours(1));

        this.decoder.decode("token-a").block();
        this.decoder.decode("token-b").block();

        assertThat(this.delegate.calls).containsExactly("token-a", "token-b");
    }

    @Test
    void decodeWhenRefusedThenRefusedByTheDelegateEveryTime() {
        this.delegate.refuse = true;

        assertThatThrownBy(() -> this.decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> this.decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(this.delegate.calls).containsExactly("forged", "forged");
    }

    @Test
    void decodeWhenTokenExpiredSinceThenVerifiedAgain() {
        this.delegate.expiresIn(Duration.ofSeconds(30));
        this.decoder.decode("token-a").block();

        this.clock.advance(Duration.ofSeconds(30));
        this.delegate.refuse = true;

        assertThatThrownBy(() -> this.decoder.decode("token-a").block()).isInstanceOf(BadJwtException.class);
        assertThat(this.delegate.calls).containsExactly("token-a", "token-a");
    }

    @Test
    void decodeWhenMaxAgePassedThenVerifiedAgain() {
        this.delegate.expiresIn(Duration.ofHours(1));
        this.decoder.decode("token-a").block();
        this.clock.advance(Duration.ofSeconds(119));
        this.decoder.decode("token-a").block();

        this.clock.advance(Duration.ofSeconds(1));
        this.decoder.decode("token-a").block();

        assertThat(this.delegate.calls).containsExactly("token-a", "token-a");
    }

    @Test
    void decodeWhenAlreadyPastExpiryThenNotRemembered() {
        // The delegate allows some clock skew past exp; such a token is not kept.
        this.delegate.expiresIn(Duration.ofSeconds(-10));

        this.decoder.decode("token-a").block();
        this.decoder.decode("token-a").block();

        assertThat(this.delegate.calls).containsExactly("token-a", "token-a");
    }

    @Test
    void decodeWhenSizeZeroThenEveryCallVerified() {
        VerifiedTokenCache uncached = new VerifiedTokenCache(this.delegate, 0, Duration.ofMinutes(2), this.clock,
                this.clock::nanos);
        this.delegate.expiresIn(Duration.ofHours(1));

        uncached.decode("token-a").block();
        uncached.decode("token-a").block();

        assertThat(this.delegate.calls).containsExactly("token-a", "token-a");
    }

    @Test
    void settingsWhenNegativeThenRefused() {
        assertThatThrownBy(() -> new VerifiedTokenCache(this.delegate, -1, Duration.ofMinutes(2)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedTokenCache(this.delegate, 100, Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** Verifies nothing: returns a token expiring when told, or refuses, and records every call. */
    private final class CountingDecoder implements ReactiveJwtDecoder {

        final List<String> calls = new ArrayList<>();

        boolean refuse;

        private Duration expiresIn = Duration.ofHours(1);

        void expiresIn(Duration expiresIn) {
            this.expiresIn = expiresIn;
        }

        @Override
        public Mono<Jwt> decode(String token) {
            this.calls.add(token);
            if (this.refuse) {
                return Mono.error(new BadJwtException("refused"));
            }
            Instant now = VerifiedTokenCacheTest.this.clock.instant();
            return Mono.just(Jwt.withTokenValue(token).header("alg", "ES256").subject("user-1")
                .issuedAt(now.minus(Duration.ofMinutes(5))).expiresAt(now.plus(this.expiresIn)).build());
        }
    }

    /** A clock the test moves; its nanos drive the cache's ticker. */
    private static final class MutableClock extends Clock {

        private final AtomicLong millis;

        MutableClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration duration) {
            this.millis.addAndGet(duration.toMillis());
        }

        long nanos() {
            return this.millis.get() * 1_000_000L;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(this.millis.get());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
