package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.qrlogin.engine.kafka.TicketEventCodec;
import io.qrlogin.gateway.GatewayProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The fan-out: the consumer of the events topic, the broker check and the re-read of the sockets'
 * tickets, connected like every other Kafka client of the service ({@code spring.kafka.*}).
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /** How long the start-up waits for the consumer to hold its positions before serving anyway. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** How long a call to the broker may block the consumer's thread, and the broker check may wait. */
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    BrokerConnectivity brokerConnectivity(KafkaAdmin admin) {
        return new BrokerConnectivity(() -> Admin.create(admin.getConfigurationProperties()), BROKER_TIMEOUT);
    }

    @Bean
    ResyncScheduler resyncScheduler(TicketChanges changes, GatewayProperties properties, BrokerConnectivity broker) {
        return new ResyncScheduler(changes, properties.gateway().resync().interval(), broker.answers(), Schedulers.parallel());
    }

    @Bean
    KafkaTicketEventConsumer ticketEventConsumer(KafkaProperties kafka, GatewayProperties properties, JsonMapper json,
            TicketChanges changes, ResyncScheduler resyncs, ObjectProvider<ObservationRegistry> observations) {
        Map<String, Object> configs = fanOutConsumerConfigs(kafka.buildConsumerProperties());
        EventFanOut fanOut = new EventFanOut(new TicketEventCodec(json), changes, resyncs,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        return new KafkaTicketEventConsumer(
                () -> new KafkaConsumer<>(configs, new StringDeserializer(), new ByteArrayDeserializer()),
                new PartitionCursor(properties.events().topic(), BROKER_TIMEOUT), fanOut, START_TIMEOUT);
    }

    /**
     * The configured consumer settings, without a group: partitions are assigned, not balanced between
     * instances, and no offset is ever committed.
     */
    static Map<String, Object> fanOutConsumerConfigs(Map<String, Object> configured) {
        Map<String, Object> configs = new HashMap<>(configured);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        configs.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        configs.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        configs.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "notify-gateway-fanout");
        return configs;
    }
}
