package io.qrlogin.engine.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@link LettuceConnectionFactory} whose shared connection is opened by a background thread, never by a
 * caller. Spring Data Redis opens the shared connection lazily with a blocking connect on the thread of the
 * first command — an event loop — and opening it eagerly at start-up makes a service whose Redis is down
 * exit instead of starting not-ready.
 *
 * <p>Until the first connect succeeds, every connection request fails at once with a
 * {@link RedisConnectionFailureException} (a 503 {@code unavailable} for the caller, DOWN for the Redis
 * health check, so readiness); the background thread retries every {@code retryInterval}. Once
 * connected, Lettuce reconnects the shared connection by itself after any outage, without blocking a
 * caller; a command sent meanwhile fails after the configured command timeout.
 */
public final class BackgroundConnectingRedisConnectionFactory
        implements RedisConnectionFactory, ReactiveRedisConnectionFactory, SmartLifecycle, DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(BackgroundConnectingRedisConnectionFactory.class);

    private final LettuceConnectionFactory delegate;

    private final Duration retryInterval;

    private volatile boolean connected;

    private volatile boolean stopped;

    private volatile boolean running;

    private @Nullable Thread connector;

    public BackgroundConnectingRedisConnectionFactory(LettuceConnectionFactory delegate, Duration retryInterval) {
        this.delegate = delegate;
        this.retryInterval = retryInterval;
    }

    /** Whether the shared connection has been opened (Lettuce keeps it open from then on). */
    public boolean isConnected() {
        return this.connected;
    }

    /** The wrapped factory. */
    public LettuceConnectionFactory delegate() {
        return this.delegate;
    }

    @Override
    public synchronized void start() {
        this.delegate.start();
        this.stopped = false;
        this.running = true;
        if (this.connected || this.connector != null) {
            return;
        }
        Thread thread = new Thread(this::connect, "qrlogin-redis-connect");
        thread.setDaemon(true);
        this.connector = thread;
        thread.start();
    }

    private void connect() {
        boolean warned = false;
        while (!this.stopped && !this.connected) {
            try {
                // Opens the shared reactive connection; closing this handle leaves the shared one open.
                ReactiveRedisConnection connection = this.delegate.getReactiveConnection();
                connection.close();
                this.connected = true;
                if (warned) {
                    logger.info("Connected to Redis");
                }
            }
            catch (RuntimeException ex) {
                if (!warned) {
                    logger.warn("Redis is not reachable ({}); not ready, retrying every {}", ex.getMessage(),
                            this.retryInterval);
                    warned = true;
                }
                try {
                    Thread.sleep(this.retryInterval.toMillis());
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        synchronized (this) {
            this.connector = null;
        }
    }

    @Override
    public ReactiveRedisConnection getReactiveConnection() {
        assertConnected();
        return this.delegate.getReactiveConnection();
    }

    @Override
    public ReactiveRedisClusterConnection getReactiveClusterConnection() {
        assertConnected();
        return this.delegate.getReactiveClusterConnection();
    }

    @Override
    public RedisConnection getConnection() {
        assertConnected();
        return this.delegate.getConnection();
    }

    @Override
    public RedisClusterConnection getClusterConnection() {
        assertConnected();
        return this.delegate.getClusterConnection();
    }

    @Override
    public RedisSentinelConnection getSentinelConnection() {
        return this.delegate.getSentinelConnection();
    }

    @Override
    public boolean getConvertPipelineAndTxResults() {
        return this.delegate.getConvertPipelineAndTxResults();
    }

    @Override
    public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        return this.delegate.translateExceptionIfPossible(ex);
    }

    private void assertConnected() {
        if (!this.connected) {
            throw new RedisConnectionFailureException("Redis is not connected yet");
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            this.stopped = true;
            this.running = false;
            this.connected = false;
            if (this.connector != null) {
                this.connector.interrupt();
            }
        }
        this.delegate.stop();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public boolean isAutoStartup() {
        return this.delegate.isAutoStartup();
    }

    @Override
    public int getPhase() {
        return this.delegate.getPhase();
    }

    @Override
    public void destroy() {
        this.stopped = true;
        this.delegate.destroy();
    }
}
