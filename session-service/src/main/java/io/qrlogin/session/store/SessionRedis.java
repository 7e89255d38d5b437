package io.qrlogin.session.store;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.qrlogin.engine.redis.BackgroundConnectingRedisConnectionFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Redis that holds sessions and revocations: the tickets' own by default, or one of its own
 * ({@code qrlogin.session.redis.url}), so that a mint flood that fills the tickets' Redis cannot stop
 * logouts and revocation checks. A Redis of its own is connected as the main one is: in the background
 * ({@link BackgroundConnectingRedisConnectionFactory}), with the same command and connect timeouts.
 */
public final class SessionRedis implements DisposableBean {

    private final ReactiveStringRedisTemplate template;

    private final ReactiveRedisConnectionFactory connections;

    private final @Nullable BackgroundConnectingRedisConnectionFactory own;

    private SessionRedis(ReactiveStringRedisTemplate template, ReactiveRedisConnectionFactory connections,
            @Nullable BackgroundConnectingRedisConnectionFactory own) {
        this.template = template;
        this.connections = connections;
        this.own = own;
    }

    /** Sessions in the Redis the tickets live in. */
    public static SessionRedis shared(ReactiveStringRedisTemplate redis) {
        return new SessionRedis(redis, redis.getConnectionFactory(), null);
    }

    /**
     * Sessions in the Redis at {@code url} ({@code redis://}, {@code rediss://} for TLS, or
     * {@code redis-sentinel://}; user and password in the URL), connected now, in the background.
     */
    public static SessionRedis connect(String url, @Nullable Duration commandTimeout, @Nullable Duration connectTimeout,
            ClientResources resources, Duration retryInterval) {
        RedisURI uri = RedisURI.create(url);
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
            .clientResources(resources);
        if (uri.isSsl()) {
            client.useSsl();
        }
        if (commandTimeout != null) {
            client.commandTimeout(commandTimeout);
        }
        if (connectTimeout != null) {
            client.clientOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        }
        LettuceConnectionFactory lettuce = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri),
                client.build());
        lettuce.afterPropertiesSet();
        BackgroundConnectingRedisConnectionFactory factory = new BackgroundConnectingRedisConnectionFactory(lettuce,
                retryInterval);
        factory.start();
        return new SessionRedis(new ReactiveStringRedisTemplate(factory), factory, factory);
    }

    /** The template sessions are read and written through. */
    public ReactiveStringRedisTemplate template() {
        return this.template;
    }

    /** Its connections, for the health check. */
    public ReactiveRedisConnectionFactory connections() {
        return this.connections;
    }

    /** Whether sessions live in a Redis of their own. */
    public boolean isOwn() {
        return this.own != null;
    }

    @Override
    public void destroy() {
        if (this.own != null) {
            this.own.stop();
            this.own.destroy();
        }
    }
}
