package io.qrlogin.session.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.qrlogin.session.token.SessionToken;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qrlogin.session.redis.url} set: sessions and revocations go to that Redis (here another database
 * of the test server), and nothing of them to the tickets' Redis.
 */
@ServiceIntegrationTest(properties = "qrlogin.demo.enabled=true")
class SessionRedisIT {

    private static final int SESSIONS_DATABASE = 7;

    private static final LettuceConnectionFactory SESSIONS = connect(TestRedis.url() + "/" + SESSIONS_DATABASE);

    @DynamicPropertySource
    static void sessionsDatabase(DynamicPropertyRegistry registry) {
        registry.add("qrlogin.session.redis.url", () -> TestRedis.url() + "/" + SESSIONS_DATABASE);
    }

    @Autowired
    private RedisSessionStore store;

    @Autowired
    private ReactiveStringRedisTemplate tickets;

    private final ReactiveStringRedisTemplate sessions = new ReactiveStringRedisTemplate(SESSIONS);

    @AfterAll
    static void disconnect() {
        SESSIONS.destroy();
    }

    @Test
    void sessionsAndRevocationsGoToTheirOwnRedisAndNothingOfThemToTheTickets() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String subject = "user-" + UUID.randomUUID();
        SessionToken token = new SessionToken("header.payload.signature", "s-" + UUID.randomUUID(),
                "t-" + UUID.randomUUID(), subject, "User Example", "web", now, now.plusSeconds(600));

        this.store.open(token).block();

        assertThat(this.sessions.hasKey(SessionKeys.session(token.sessionId())).block()).isTrue();
        assertThat(this.sessions.hasKey(SessionKeys.userSessions(subject)).block()).isTrue();
        assertThat(this.tickets.hasKey(SessionKeys.session(token.sessionId())).block()).isFalse();
        assertThat(this.tickets.hasKey(SessionKeys.userSessions(subject)).block()).isFalse();
        assertThat(this.store.isLive(token.sessionId(), token.tokenId()).block()).isTrue();

        this.store.close(subject, token.sessionId(), token.tokenId(), token.expiresAt()).block();

        assertThat(this.sessions.hasKey(SessionKeys.revoked(token.tokenId())).block()).isTrue();
        assertThat(this.tickets.hasKey(SessionKeys.revoked(token.tokenId())).block()).isFalse();
        assertThat(this.store.isLive(token.sessionId(), token.tokenId()).block()).isFalse();
    }

    private static LettuceConnectionFactory connect(String url) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
