package io.qrlogin.support.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.qrlogin.engine.kafka.KafkaTicketEventPublisher;
import io.qrlogin.engine.kafka.TicketEventProducer;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.TicketEventPublisher;
import io.qrlogin.support.health.KafkaHealthIndicator;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.engine.redis.BackgroundConnectingRedisConnectionFactory;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The ticket engine's beans, in every service that has a {@link TicketEngineSettings} bean (its
 * properties record): the ticket commands over the Redis store and the event publisher, the producer
 * settings the event contract needs, the problem responder, the funnel metrics and the Kafka health check.
 */
@AutoConfiguration
@ConditionalOnBean(TicketEngineSettings.class)
public final class TicketEngineAutoConfiguration {

    /** How often a service that could not reach Redis yet tries again. */
    public static final Duration REDIS_CONNECT_RETRY = Duration.ofSeconds(1);

    /**
     * Spring Data Redis opens its shared reactive connection lazily, with a blocking connect on the
     * thread of the first command, which is an event loop; opening it eagerly instead makes a service
     * whose Redis is down at start exit. The factory is wrapped so that a background thread opens it:
     * until then Redis calls fail at once (503 {@code unavailable}, readiness DOWN), and Lettuce
     * reconnects it by itself after any later outage.
     */
    @Bean
    static BeanPostProcessor backgroundRedisConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    return new BackgroundConnectingRedisConnectionFactory(factory, REDIS_CONNECT_RETRY);
                }
                return bean;
            }
        };
    }

    /**
     * Lettuce waits up to 30 s between reconnect attempts by default, doubling from 1 ms: after a Redis
     * failover (a Sentinel group's master, a Cluster node) or restart of a few seconds, a client could go
     * on waiting several seconds more. Capped at one second, a service is back within a second of Redis.
     */
    @Bean
    ClientResourcesBuilderCustomizer redisReconnectDelay() {
        return (resources) -> resources.reconnectDelay(() -> Delay.exponential(Duration.ofMillis(1), Duration.ofSeconds(1),
                2, TimeUnit.MILLISECONDS));
    }

    @Bean
    RedisTicketStore ticketStore(ReactiveStringRedisTemplate redis, TicketEngineSettings settings) {
        return new RedisTicketStore(redis, settings.ticket());
    }

    @Bean
    TicketCommands ticketCommands(RedisTicketStore store, TicketEventPublisher events) {
        return new TicketCommands(store, events);
    }

    @Bean
    @SuppressWarnings("unchecked")
    TicketEventPublisher ticketEventPublisher(KafkaTemplate<?, ?> kafka, TicketEngineSettings settings,
            TicketMetrics metrics) {
        return new KafkaTicketEventPublisher((KafkaTemplate<String, TicketEvent>) kafka, settings.events().topic(),
                settings.events().publishWait(), metrics);
    }

    @Bean
    TicketMetrics ticketMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return (meters != null) ? new TicketMetrics(meters) : TicketMetrics.none();
    }

    /**
     * Named {@code kafka} in the health endpoint (and so in {@code /actuator/health}), deliberately not in
     * readiness: a broker outage must not take every pod out of its Service (docs/reliability.md).
     */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(() -> Admin.create(admin.getConfigurationProperties()), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    /** Ticket events as every service writes them ({@link TicketEventProducer}). */
    @Bean
    DefaultKafkaProducerFactoryCustomizer ticketEventProducer(JsonMapper json) {
        return (factory) -> TicketEventProducer.configure(factory, json);
    }

    @Bean
    ProblemResponder problemResponder(JsonMapper json, TicketMetrics metrics) {
        return new ProblemResponder(json, metrics);
    }
}
