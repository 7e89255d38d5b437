package io.qrlogin.engine.redis;

import java.io.IOException;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.qrlogin.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import redis.embedded.RedisServer;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that starts while its Redis is down, against a real Redis server that comes up, goes away
 * and comes back on the same port.
 */
class BackgroundConnectingRedisConnectionFactoryIT {

    private final int port = TestRedis.freePort();

    private RedisServer redis;

    private BackgroundConnectingRedisConnectionFactory factory;

    @AfterEach
    void stopEverything() throws IOException {
        if (this.factory != null) {
            this.factory.stop();
            this.factory.destroy();
        }
        if (this.redis != null) {
            this.redis.stop();
        }
    }

    @Test
    void startWhenRedisIsDownThenCallsFailFastAndConnectOnceRedisIsUp() throws IOException {
        this.factory = factory(this.port);
        this.factory.start();
        ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(this.factory);

        StepVerifier.create(template.opsForValue().set("k", "v"))
            .expectError(DataAccessResourceFailureException.class)
            .verify(Duration.ofSeconds(1));
        assertThat(this.factory.isConnected()).isFalse();

        this.redis = TestRedis.startEmbeddedOn(this.port);
        await().atMost(Duration.ofSeconds(10)).until(this.factory::isConnected);
        StepVerifier.create(template.opsForValue().set("k", "v").then(template.opsForValue().get("k")))
            .expectNext("v")
            .verifyComplete();
    }

    @Test
    void redisRestartedWhenConnectedThenCallsFailWithinTheTimeoutAndRecoverByThemselves() throws IOException {
        this.redis = TestRedis.startEmbeddedOn(this.port);
        this.factory = factory(this.port);
        this.factory.start();
        await().atMost(Duration.ofSeconds(10)).until(this.factory::isConnected);
        ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(this.factory);

        this.redis.stop();
        StepVerifier.create(template.opsForValue().get("k"))
            .expectErrorMatches((ex) -> ex instanceof QueryTimeoutException
                    || ex instanceof DataAccessResourceFailureException)
            .verify(Duration.ofSeconds(5));

        this.redis = TestRedis.startEmbeddedOn(this.port);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> "v".equals(template.opsForValue()
                .set("k", "v")
                .then(template.opsForValue().get("k"))
                .onErrorResume((ex) -> Mono.empty())
                .block(Duration.ofSeconds(3))));
    }

    private static BackgroundConnectingRedisConnectionFactory factory(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
            .commandTimeout(Duration.ofSeconds(1))
            .clientOptions(ClientOptions.builder().build())
            .build();
        LettuceConnectionFactory lettuce = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port), client);
        lettuce.afterPropertiesSet();
        return new BackgroundConnectingRedisConnectionFactory(lettuce, Duration.ofMillis(200));
    }
}
