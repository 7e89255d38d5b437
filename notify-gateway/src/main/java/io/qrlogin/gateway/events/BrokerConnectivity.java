package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether the Kafka cluster answers now: a round trip ({@code describeCluster}, public Admin API) that
 * must come back within a timeout. An open connection proves nothing: a frozen broker (a hung process,
 * a network partition) keeps its connections open and never answers on them.
 *
 * <p>The check waits for the answer without holding a thread: Admin calls complete a future on the
 * client's own I/O thread.
 */
final class BrokerConnectivity implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(BrokerConnectivity.class);

    private final Supplier<Admin> admins;

    private final Duration timeout;

    private @Nullable Admin admin;

    /**
     * @param admins creates the admin client, on the first check (creating it may resolve the bootstrap
     * servers' names: not at start-up, not on a reactive thread)
     * @param timeout how long the cluster has to answer
     */
    BrokerConnectivity(Supplier<Admin> admins, Duration timeout) {
        this.admins = admins;
        this.timeout = timeout;
    }

    /** Asks the cluster now: {@code true} if it answered in time, {@code false} otherwise; never fails. */
    Mono<Boolean> answers() {
        return Mono.fromCallable(this::admin)
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap((client) -> Mono.fromCompletionStage(client
                .describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(this.timeout.toMillis())))
                .clusterId()
                .toCompletionStage()))
            .map((clusterId) -> true)
            .onErrorResume((ex) -> {
                logger.debug("Kafka did not answer: {}", ex.toString());
                return Mono.just(false);
            });
    }

    private synchronized Admin admin() {
        if (this.admin == null) {
            this.admin = this.admins.get();
        }
        return this.admin;
    }

    @Override
    public synchronized void close() {
        if (this.admin != null) {
            this.admin.close(this.timeout);
            this.admin = null;
        }
    }
}
