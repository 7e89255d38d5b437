package io.qrlogin.session.events;

import io.qrlogin.engine.kafka.TicketEventProducer;
import io.qrlogin.session.SessionProperties;
import io.qrlogin.session.store.RedisSessionStore;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Session events ({@code qrlogin.sessions}) and the sweeper that ends idle and worn-out sessions. Apart from
 * {@code SessionConfiguration} so that web slices, which stub the session store, start neither.
 */
@Configuration(proxyBeanMethods = false)
class SessionEventsConfiguration {

    @Bean
    SessionEventPublisher sessionEventPublisher(KafkaProperties kafka, SessionProperties properties, JsonMapper json) {
        DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties());
        TicketEventProducer.configure(producers, json);
        return new SessionEventPublisher(producers, properties.session().eventsTopic(), json);
    }

    @Bean
    SessionExpirySweeper sessionExpirySweeper(RedisSessionStore sessions, SessionEventPublisher events,
            SessionProperties properties, Clock clock) {
        return new SessionExpirySweeper(sessions, events, properties.session().expirySweepInterval(), clock);
    }
}
