package io.qrlogin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * A real Redis for integration tests, started once per test JVM: the server named by
 * {@code QRLOGIN_TEST_REDIS_URL} if set, else a container when Docker is present, else the real
 * Redis binary that {@code embedded-redis} ships.
 */
public final class TestRedis {

    /** Points the tests at an existing Redis, e.g. {@code redis://localhost:6379}. */
    public static final String URL_VARIABLE = "QRLOGIN_TEST_REDIS_URL";

    private static final Logger logger = LoggerFactory.getLogger(TestRedis.class);

    private static final SharedTestServer REDIS = new SharedTestServer("Redis", URL_VARIABLE, TestRedis::startContainer,
            TestRedis::startEmbedded);

    private TestRedis() {
    }

    /** The Redis URL, starting the server on first use. */
    public static String url() {
        return REDIS.address();
    }

    private static String startContainer() {
        GenericContainer<?> container = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
        container.start();
        return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
    }

    private static String startEmbedded() {
        try {
            int port = freePort();
            RedisServer server = startEmbeddedOn(port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                }
                catch (IOException ex) {
                    logger.warn("Could not stop the embedded Redis", ex);
                }
            }, "stop-test-redis"));
            return "redis://127.0.0.1:" + port;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded Redis", ex);
        }
    }

    /**
     * Starts an embedded Redis of its own on {@code port}, for a test that stops it and starts it again on
     * the same port (a Redis that goes away and comes back); the caller stops it.
     */
    public static RedisServer startEmbeddedOn(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
            .port(port)
            .setting("bind 127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
        server.start();
        return server;
    }

    /** A port nothing listens on right now, for a server the test starts itself. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not find a free port", ex);
        }
    }
}
