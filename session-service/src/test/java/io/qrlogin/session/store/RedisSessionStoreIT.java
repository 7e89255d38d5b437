package io.qrlogin.session.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.session.token.SessionToken;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
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

    @Test
    void openWithDetailsThenListedWithThemAndScheduledForItsFirstDeadline() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
        SessionDetails details = new SessionDetails("Firefox 133", "Ubuntu", "198.51.100.4", false, this.now,
                this.now.plus(Duration.ofHours(12)), Duration.ofHours(2));

        StepVerifier.create(this.store.open(token, details)).verifyComplete();

        StepVerifier.create(this.store.linkedSessionsOf(this.subject))
            .expectNext(new LinkedSession(token.sessionId(), this.subject, "web", "Firefox 133", "Ubuntu",
                    "198.51.100.4", false, "qr", this.now, this.now))
            .verifyComplete();
        assertThat(this.redis.opsForZSet().score(SessionKeys.deadlines(), token.sessionId()).block())
            .isEqualTo((double) this.now.plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(this.redis.getExpire(SessionKeys.session(token.sessionId())).block())
            .isBetween(Duration.ofHours(12), Duration.ofHours(12).plus(RedisSessionStore.SWEEP_GRACE));
        StepVerifier.create(this.store.linkedSessionsOf("someone-else")).verifyComplete();
    }

    @Test
    void isLiveAfterTheIdleTimeoutThenFalseAndEachUseWithinItMovesIt() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
        this.store.open(token, details(Duration.ofHours(12), Duration.ofMinutes(30))).block();

        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(29))).isLive(token.sessionId(), token.tokenId()))
            .expectNext(true).verifyComplete();
        // The use at 29 minutes counts: 30 minutes idle are counted from it.
        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(58))).isLive(token.sessionId(), token.tokenId()))
            .expectNext(true).verifyComplete();
        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(88))).isLive(token.sessionId(), token.tokenId()))
            .expectNext(false).verifyComplete();
        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(88))).touch(token.sessionId()))
            .expectNext(false).verifyComplete();
        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(88))).linkedSessionsOf(this.subject)).verifyComplete();
    }

    @Test
    void isLiveWritesLastSeenAtAtMostOncePerResolution() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
        this.store.open(token, details(Duration.ofHours(12), Duration.ofHours(2))).block();

        store(this.now.plusSeconds(30)).isLive(token.sessionId(), token.tokenId()).block();
        assertThat(lastSeenAt(token)).isEqualTo(this.now.toEpochMilli());
        store(this.now.plus(RedisSessionStore.LAST_SEEN_RESOLUTION)).isLive(token.sessionId(), token.tokenId()).block();
        assertThat(lastSeenAt(token)).isEqualTo(this.now.plus(RedisSessionStore.LAST_SEEN_RESOLUTION).toEpochMilli());
    }

    @Test
    void isLivePastTheMaxLifetimeThenFalseHoweverActive() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
        this.store.open(token, details(Duration.ofHours(1), Duration.ofMinutes(30))).block();
        for (int minutes = 20; minutes < 60; minutes += 20) {
            store(this.now.plus(Duration.ofMinutes(minutes))).touch(token.sessionId()).block();
        }

        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(59))).touch(token.sessionId()))
            .expectNext(true).verifyComplete();
        StepVerifier.create(store(this.now.plus(Duration.ofMinutes(60))).touch(token.sessionId()))
            .expectNext(false).verifyComplete();
    }

    @Test
    void expireDueByManySweepersAtOnceThenEachDueSessionEndedExactlyOnceAndTheLiveOnesKept() {
        List<SessionToken> idle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
            this.store.open(token, details(Duration.ofHours(12), Duration.ofMinutes(30))).block();
            idle.add(token);
        }
        SessionToken used = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
        this.store.open(used, details(Duration.ofHours(12), Duration.ofMinutes(30))).block();
        store(this.now.plus(Duration.ofMinutes(20))).touch(used.sessionId()).block();
        Instant later = this.now.plus(Duration.ofMinutes(31));

        List<EndedSession> ended = Flux.range(0, 4)
            .flatMap((sweeper) -> store(later).expireDue(1000))
            .collectList()
            .block();

        assertThat(ended).filteredOn((session) -> session.subject().equals(this.subject))
            .extracting(EndedSession::sessionId)
            .containsExactlyInAnyOrderElementsOf(idle.stream().map(SessionToken::sessionId).toList());
        StepVerifier.create(store(later).isLive(used.sessionId(), used.tokenId())).expectNext(true).verifyComplete();
        assertThat(this.redis.opsForZSet().score(SessionKeys.deadlines(), used.sessionId()).block())
            .isEqualTo((double) this.now.plus(Duration.ofMinutes(50)).toEpochMilli());
        StepVerifier.create(store(later).sessionsOf(this.subject).map(ActiveSession::sessionId))
            .expectNext(used.sessionId())
            .verifyComplete();
        assertThat(store(later).expireDue(1000).filter((session) -> session.subject().equals(this.subject))
            .collectList().block()).isEmpty();
    }

    @Test
    void revokeThenOnlyTheOwnersSessionEndsOnceAndItsTokenIsRefused() {
        SessionToken token = token("s-" + UUID.randomUUID(), Duration.ofMinutes(15));
        this.store.open(token, details(Duration.ofHours(12), Duration.ofHours(2))).block();

        StepVerifier.create(this.store.revoke("someone-else", token.sessionId())).verifyComplete();
        StepVerifier.create(this.store.isLive(token.sessionId(), token.tokenId())).expectNext(true).verifyComplete();

        StepVerifier.create(this.store.revoke(this.subject, token.sessionId()))
            .expectNext(new EndedSession(token.sessionId(), this.subject, "web"))
            .verifyComplete();
        StepVerifier.create(this.store.revoke(this.subject, token.sessionId())).verifyComplete();
        StepVerifier.create(this.store.isLive(token.sessionId(), token.tokenId())).expectNext(false).verifyComplete();
        assertThat(this.redis.hasKey(SessionKeys.revoked(token.tokenId())).block()).isTrue();
        assertThat(this.redis.opsForZSet().score(SessionKeys.deadlines(), token.sessionId()).block()).isNull();
        StepVerifier.create(this.store.sessionsOf(this.subject)).verifyComplete();
    }

    private SessionDetails details(Duration maxLifetime, Duration idleTimeout) {
        return new SessionDetails("Chrome 140", "Linux", "203.0.113.7", null, this.now, this.now.plus(maxLifetime),
                idleTimeout);
    }

    private long lastSeenAt(SessionToken token) {
        return Long.parseLong(this.redis.<String, String>opsForHash()
            .get(SessionKeys.session(token.sessionId()), "lastSeenAt").block());
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
