package io.qrlogin.support.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the Kafka cluster answers: a {@code describeCluster} with a short timeout. It is in
 * {@code /actuator/health}, not in readiness: a service that cannot publish still serves logins (the
 * gateway's resync delivers the states), so a broker outage must not take every pod out of its
 * Service. What operators watch instead is the gauge {@code qrlogin_kafka_reachable} (1 or 0), kept
 * fresh by a check every {@code pollEvery} once bound to a registry, and the alert on it. The check
 * blocks an admin-client call, so it runs on {@code boundedElastic}, never on an event loop; its
 * result is kept for {@code ttl} so frequent probes do not each ask the broker.
 */
public final class KafkaHealthIndicator implements ReactiveHealthIndicator, MeterBinder, DisposableBean {

    /** The gauge: 1 while the cluster answers, 0 while it does not, NaN before the first check. */
    public static final String REACHABLE = "qrlogin.kafka.reachable";

    private final Supplier<Admin> admins;

    private final Duration timeout;

    private final Duration pollEvery;

    private final Mono<Health> check;

    private volatile double reachable = Double.NaN;

    private @Nullable Admin admin;

    private @Nullable Disposable polling;

    /**
     * @param admins creates the admin client, on first use
     * @param timeout how long the broker has to answer
     * @param ttl how long an answer is reused
     */
    public KafkaHealthIndicator(Supplier<Admin> admins, Duration timeout, Duration ttl) {
        this(admins, timeout, ttl, Duration.ofSeconds(15));
    }

    /**
     * @param admins creates the admin client, on first use
     * @param timeout how long the broker has to answer
     * @param ttl how long an answer is reused
     * @param pollEvery how often the gauge's value is checked once {@link #bindTo bound}
     */
    public KafkaHealthIndicator(Supplier<Admin> admins, Duration timeout, Duration ttl, Duration pollEvery) {
        this.admins = admins;
        this.timeout = timeout;
        this.pollEvery = pollEvery;
        this.check = Mono.fromCallable(this::describe)
            .subscribeOn(Schedulers.boundedElastic())
            .onErrorResume((ex) -> Mono.just(Health.down().withDetail("error", ex.getClass().getSimpleName()).build()))
            .doOnNext((health) -> this.reachable = Status.UP.equals(health.getStatus()) ? 1 : 0)
            .cache(ttl);
    }

    /** Registers {@link #REACHABLE} and starts checking every {@code pollEvery}, so the gauge never goes stale. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Gauge.builder(REACHABLE, this, (indicator) -> indicator.reachable)
            .description("1 while the Kafka cluster answers this instance, 0 while it does not: logins go on, "
                    + "browsers hear each step through the gateway's resync instead of at once")
            .register(registry);
        if (this.polling == null) {
            // A check that outlasts the period skips the ticks meanwhile rather than piling them up.
            this.polling = Flux.interval(Duration.ZERO, this.pollEvery)
                .onBackpressureDrop()
                .concatMap((tick) -> this.check, 0)
                .subscribe();
        }
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
        if (this.polling != null) {
            this.polling.dispose();
            this.polling = null;
        }
        if (this.admin != null) {
            this.admin.close(Duration.ofSeconds(2));
            this.admin = null;
        }
    }
}
