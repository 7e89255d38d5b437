package io.qrlogin.support.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Whether the Kafka cluster answers: a {@code describeCluster} with a short timeout. Readiness includes
 * it, since a service that cannot publish events leaves browsers waiting for pushes. The check blocks
 * an admin-client call, so it runs on {@code boundedElastic}, never on an event loop; its result is
 * kept for {@code ttl} so frequent probes do not each ask the broker.
 */
public final class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private final Supplier<Admin> admins;

    private final Duration timeout;

    private final Mono<Health> check;

    private @Nullable Admin admin;

    /**
     * @param admins creates the admin client, on first use
     * @param timeout how long the broker has to answer
     * @param ttl how long an answer is reused
     */
    public KafkaHealthIndicator(Supplier<Admin> admins, Duration timeout, Duration ttl) {
        this.admins = admins;
        this.timeout = timeout;
        this.check = Mono.fromCallable(this::describe)
            .subscribeOn(Schedulers.boundedElastic())
            .onErrorResume((ex) -> Mono.just(Health.down().withDetail("error", ex.getClass().getSimpleName()).build()))
            .cache(ttl);
    }

    @Override
    public Mono<Health> health() {
        return this.check;
    }

    private Health describe() throws Exception {
        DescribeClusterResult cluster = admin()
            .describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
        int nodes = cluster.nodes().get(this.timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
        return Health.up().withDetail("nodes", nodes).build();
    }

    private synchronized Admin admin() {
        if (this.admin == null) {
            this.admin = this.admins.get();
        }
        return this.admin;
    }

    @Override
    public synchronized void destroy() {
        if (this.admin != null) {
            this.admin.close(Duration.ofSeconds(2));
            this.admin = null;
        }
    }
}
