package io.qrlogin.oidc.logout;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.keys.SigningKeySet;
import io.qrlogin.oidc.OidcProperties;
import io.qrlogin.oidc.sessionservice.SessionServiceCheck;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Sessions that end reach the provider and its clients: session-service's {@code SESSION_ENDED} events
 * (one consumer group: one instance acts on each), RP-initiated logout, and the logout tokens they send.
 */
@Configuration(proxyBeanMethods = false)
class LogoutConfiguration {

    @Bean
    BackChannelLogout backChannelLogout(OidcProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new BackChannelLogout(properties.oidc().backChannelLogout(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    EndedSessions endedSessions(RedisOAuth2AuthorizationService authorizations, ClientRegistry clients,
            JWKSource<SecurityContext> jwkSource, SigningKeySet keys, OidcProperties properties, Clock clock,
            BackChannelLogout delivery) {
        LogoutTokens tokens = new LogoutTokens(new NimbusJwtEncoder(jwkSource),
                properties.session().issuer().toString(), keys.signingKeyId(), clock);
        return new EndedSessions(authorizations, clients, tokens, delivery);
    }

    @Bean
    EndSessionOnLogout endSessionOnLogout(EndedSessions sessions, OidcProperties properties) {
        return new EndSessionOnLogout(sessions, new SessionServiceCheck(properties.oidc().sessionServiceUri()));
    }

    /**
     * The provider's instances share one consumer group; a new group starts at the earliest event kept,
     * which is safe: ending a session twice does nothing the second time. While Redis fails the event is
     * tried again, pausing up to half a minute, so that no ended session is skipped.
     */
    @Bean
    @SuppressWarnings("unchecked")
    ConcurrentMessageListenerContainer<String, String> sessionEvents(ConsumerFactory<?, ?> consumers,
            OidcProperties properties, EndedSessions sessions, JsonMapper json) {
        ContainerProperties container = new ContainerProperties(properties.events().sessionsTopic());
        container.setGroupId(properties.events().sessionsGroup());
        container.setMessageListener(new SessionEventListener(sessions, json));
        Properties consumer = new Properties();
        consumer.putAll(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        container.setKafkaConsumerProperties(consumer);
        ConcurrentMessageListenerContainer<String, String> listener = new ConcurrentMessageListenerContainer<>(
                (ConsumerFactory<String, String>) consumers, container);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        listener.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        listener.setBeanName("sessionEvents");
        return listener;
    }
}
