package io.qrlogin.session.events;

import io.qrlogin.engine.kafka.TicketEventProducer;
import io.qrlogin.session.SessionProperties;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.support.lifecycle.BackgroundRounds;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Session events ({@code qrlogin.sessions}), the commands that announce them and the sweeper that ends idle and
 * worn-out sessions. Apart from {@code SessionConfiguration} so that web slices, which stub the session store,
 * start none of them (a slice of a controller that uses the commands imports {@link SessionCommands}).
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
    SessionCommands sessionCommands(RedisSessionStore sessions, SessionEventPublisher events, Clock clock) {
        return new SessionCommands(sessions, events, clock);
    }

    @Bean
    SessionExpirySweeper sessionExpirySweeper(SessionCommands sessions) {
        return new SessionExpirySweeper(sessions);
    }

    /** A sweep every {@code expiry-sweep-interval}, the first one interval after the start. */
    @Bean
    BackgroundRounds sessionExpirySweeping(SessionExpirySweeper sweeper, SessionProperties properties) {
        Duration interval = properties.session().expirySweepInterval();
        return new BackgroundRounds(interval, interval, sweeper::sweep);
    }
}
