package io.qrlogin.support.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.qrlogin.engine.kafka.KafkaTicketEventPublisher;
import io.qrlogin.engine.kafka.TicketEventCodec;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
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
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
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

    /**
     * Events are keyed by {@code qrId} and written as plain JSON (no type headers, so any consumer
     * reads them). The producer is idempotent with {@code acks=all} whatever the configuration says,
     * so its retries neither lose nor duplicate nor reorder an event. The time limits are defaults a
     * deployment may override: a record waits up to two minutes for the broker (a broker restart, a
     * leader election) while the caller waits only {@link EventsSettings#publishWait()}; a service
     * that cannot even look the topic up gives up on the record after ten seconds. Whatever is lost
     * beyond that, the gateways find in Redis (they re-read the tickets their sockets follow).
     */
    @Bean
    @SuppressWarnings({ "unchecked", "rawtypes" })
    DefaultKafkaProducerFactoryCustomizer ticketEventProducer(JsonMapper json) {
        return (factory) -> {
            Map<String, Object> configs = new HashMap<>();
            configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
            configs.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 200);
            configs.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 2_000);
            configs.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
            configs.putAll(factory.getConfigurationProperties());
            configs.put(ProducerConfig.ACKS_CONFIG, "all");
            configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            configs.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
            factory.updateConfigs(configs);
            DefaultKafkaProducerFactory raw = factory;
            raw.setKeySerializer(new StringSerializer());
            raw.setValueSerializer(new TicketEventCodec(json).serializer());
        };
    }

    @Bean
    ProblemResponder problemResponder(JsonMapper json, TicketMetrics metrics) {
        return new ProblemResponder(json, metrics);
    }
}
