package io.qrlogin.testing;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * A server the integration tests of one JVM share, started on first use: the one an environment variable
 * names if it is set, else a container when Docker is present, else one run in this JVM (stopped when it
 * exits). What the tests need on it (Kafka's topics) is made before anyone gets its address.
 */
final class SharedTestServer {

    private static final Logger logger = LoggerFactory.getLogger(SharedTestServer.class);

    private final String name;

    private final Supplier<String> startAndPrepare;

    private volatile String address;

    SharedTestServer(String name, String variable, Supplier<String> container, Supplier<String> inThisJvm) {
        this(name, variable, container, inThisJvm, (address) -> {
        });
    }

    /**
     * @param name what the log calls it
     * @param variable the environment variable that points the tests at a running server
     * @param container starts a container and answers its address
     * @param inThisJvm starts the server in this JVM and answers its address
     * @param prepare makes what the tests need on the server, given its address
     */
    SharedTestServer(String name, String variable, Supplier<String> container, Supplier<String> inThisJvm,
            Consumer<String> prepare) {
        this.name = name;
        this.startAndPrepare = () -> {
            String started = start(variable, container, inThisJvm);
            prepare.accept(started);
            return started;
        };
    }

    /** The server's address, starting and preparing it on first use. */
    String address() {
        if (this.address == null) {
            synchronized (this) {
                if (this.address == null) {
                    String started = this.startAndPrepare.get();
                    this.address = started;
                    logger.info("Integration tests use {} at {}", this.name, started);
                }
            }
        }
        return this.address;
    }

    private static String start(String variable, Supplier<String> container, Supplier<String> inThisJvm) {
        String external = System.getenv(variable);
        if (external != null && !external.isBlank()) {
            return external;
        }
        return DockerClientFactory.instance().isDockerAvailable() ? container.get() : inThisJvm.get();
    }
}
