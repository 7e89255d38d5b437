package io.qrlogin.session.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.session.token.SessionToken;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The session scripts against a real Redis: idempotent steps, expiry, pruning and revocation. */
class RedisSessionStoreIT {

    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private final ReactiveStringRedisTemplate redis = RedisTickets.redis();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final RedisSessionStore store = store(this.now);

    private final String subject = "user-" + UUID.randomUUID();

    @Test
    void openThenLiveListedAndExpiringWithTheToken() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));

        StepVerifier.create(this.store.open(token)).verifyComplete();

        StepVerifier.create(this.store.isLive(token.sessionId(), token.tokenId())).expectNext(true).verifyComplete();
        StepVerifier.create(this.store.sessionsOf(this.subject))
            .expectNext(new ActiveSession(token.sessionId(), token.expiresAt()))
            .verifyComplete();
        assertThat(this.redis.getExpire(SessionKeys.session(token.sessionId())).block())
            .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(this.redis.getExpire(SessionKeys.userSessions(this.subject)).block())
            .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(this.redis.<String, String>opsForHash().get(SessionKeys.session(token.sessionId()), "method").block())
            .isEqualTo("qr");
    }

    @Test
    void openOfADevicesSessionThenRecordedAsSuch() {
        SessionToken browser = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));
        SessionToken device = new SessionToken(browser.value(), browser.sessionId(), browser.tokenId(), browser.subject(),
                browser.name(), "cli", browser.issuedAt(), browser.expiresAt(), SessionToken.METHOD_DEVICE);

        StepVerifier.create(this.store.open(device)).verifyComplete();

        assertThat(this.redis.<String, String>opsForHash().get(SessionKeys.session(device.sessionId()), "method").block())
            .isEqualTo("device");
    }

    @Test
    void openTwiceThenOneSession() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));

        this.store.open(token).block();
        this.store.open(token).block();

        assertThat(this.redis.opsForZSet().size(SessionKeys.userSessions(this.subject)).block()).isEqualTo(1);
    }

    @Test
    void openThenExpiredSessionsArePrunedAndTheIndexLivesAsLongAsItsLongestSession() {
        SessionToken shortLived = token("s-" + UUID.randomUUID(), Duration.ofMinutes(1));
        SessionToken longLived = token("s-" + UUID.randomUUID(), Duration.ofMinutes(30));
        this.store.open(longLived).block();
        this.store.open(shortLived).block();
        RedisSessionStore later = store(this.now.plus(Duration.ofMinutes(2)));
        SessionToken next = token("s-" + UUID.randomUUID(), Duration.ofMinutes(5));

        StepVerifier.create(later.sessionsOf(this.subject).map(ActiveSession::sessionId))
            .expectNext(longLived.sessionId())
            .verifyComplete();
        later.open(next).block();

        assertThat(this.redis.opsForZSet().range(SessionKeys.userSessions(this.subject), Range.unbounded())
            .collectList().block()).containsExactly(next.sessionId(), longLived.sessionId());
        assertThat(this.redis.getExpire(SessionKeys.userSessions(this.subject)).block())
            .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
    }

    @Test
    void closeThenRefusedUnlistedAndMarkedRevokedUntilExpiryPlusLeeway() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));
        this.store.open(token).block();

        StepVerifier.create(close(token)).verifyComplete();
        StepVerifier.create(close(token)).verifyComplete();

        StepVerifier.create(this.store.isLive(token.sessionId(), token.tokenId())).expectNext(false).verifyComplete();
        StepVerifier.create(this.store.sessionsOf(this.subject)).verifyComplete();
        assertThat(this.redis.hasKey(SessionKeys.session(token.sessionId())).block()).isFalse();
        assertThat(this.redis.getExpire(SessionKeys.revoked(token.tokenId())).block())
            .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plus(LEEWAY));
    }

    @Test
    void isLiveWhenRevokedEvenIfTheSessionWereWrittenAgainThenFalse() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));
        this.store.open(token).block();
        close(token).block();

        this.store.open(token).block();

        StepVerifier.create(this.store.isLive(token.sessionId(), token.tokenId())).expectNext(false).verifyComplete();
    }

    @Test
    void isLiveWhenTheSessionNamesAnotherTokenThenFalse() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));
        this.store.open(token).block();

        StepVerifier.create(this.store.isLive(token.sessionId(), "another-token")).expectNext(false).verifyComplete();
        StepVerifier.create(this.store.isLive("no-such-session", token.tokenId())).expectNext(false).verifyComplete();
    }

    @Test
    void closeWithAnotherTokenOfTheSameIdThenTheSessionStays() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(10));
        this.store.open(token).block();

        this.store.close(this.subject, token.sessionId(), "another-token", token.expiresAt()).block();

        assertThat(this.redis.hasKey(SessionKeys.session(token.sessionId())).block()).isTrue();
        StepVerifier.create(this.store.isLive(token.sessionId(), token.tokenId())).expectNext(true).verifyComplete();
    }

    private Mono<Void> close(SessionToken token) {
        return this.store.close(token.subject(), token.sessionId(), token.tokenId(), token.expiresAt());
    }

    private SessionToken token(String sessionId, Duration lifetime) {
        return new SessionToken("header.payload.signature", sessionId, "t-" + UUID.randomUUID(), this.subject,
                "User Example", "web", this.now, this.now.plus(lifetime));
    }

    private RedisSessionStore store(Instant at) {
        return new RedisSessionStore(this.redis, Clock.fixed(at, ZoneOffset.UTC), LEEWAY);
    }
}
