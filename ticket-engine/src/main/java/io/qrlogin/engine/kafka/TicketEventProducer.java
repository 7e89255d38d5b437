package io.qrlogin.engine.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * How every service that announces ticket changes configures its Kafka producer, so all of them write
 * events alike. Events are keyed by {@code qrId} and written as plain JSON (no type headers, so any
 * consumer reads them). The producer is idempotent with {@code acks=all} whatever the configuration
 * says, so its retries neither lose nor duplicate nor reorder an event. The time limits are defaults a
 * deployment may override: a record waits up to two minutes for the broker (a broker restart, a leader
 * election) while the caller waits only its publish wait; a service that cannot even look the topic up
 * gives up on the record after ten seconds. Whatever is lost beyond that, the gateways find in Redis
 * (they re-read the tickets their sockets follow).
 */
public final class TicketEventProducer {

    private TicketEventProducer() {
    }

    /** Applies the settings above to {@code factory}, on top of its configured properties. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static void configure(DefaultKafkaProducerFactory<?, ?> factory, JsonMapper json) {
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
    }
}
