package io.qrlogin.oidc.device;

import java.security.NoSuchAlgorithmException;

import io.micrometer.core.instrument.MeterRegistry;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.kafka.KafkaTicketEventPublisher;
import io.qrlogin.engine.kafka.TicketEventProducer;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.redis.RedisUserCodes;
import io.qrlogin.oidc.OidcProperties;
import io.qrlogin.oidc.login.SessionTokenVerifier;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The device grant (RFC 8628) on the ticket engine: the engine's commands over the shared Redis and
 * event stream (as the other services configure them), the user codes, the poll pacing, the client of
 * session-service's redeem, and the wrappers around Spring Authorization Server's device providers.
 */
@Configuration(proxyBeanMethods = false)
class DeviceConfiguration {

    @Bean
    TicketMetrics ticketMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return (meters != null) ? new TicketMetrics(meters) : TicketMetrics.none();
    }

    @Bean
    @SuppressWarnings("unchecked")
    TicketCommands ticketCommands(ReactiveStringRedisTemplate redis, KafkaTemplate<?, ?> kafka,
            OidcProperties properties, TicketMetrics metrics) {
        return new TicketCommands(new RedisTicketStore(redis, properties.ticket()),
                new KafkaTicketEventPublisher((KafkaTemplate<String, TicketEvent>) kafka, properties.events().topic(),
                        metrics));
    }

    /**
     * Ticket events as the other services write them ({@link TicketEventProducer}); a broker that is down
     * delays no device (the engine waits two seconds at most, and the ticket is in Redis anyway).
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer ticketEventProducer(JsonMapper json) {
        return (factory) -> TicketEventProducer.configure(factory, json);
    }

    @Bean
    QrIds qrIds() throws NoSuchAlgorithmException {
        return QrIds.seededDrbg();
    }

    @Bean
    DeviceTickets deviceTickets(TicketCommands tickets, ReactiveStringRedisTemplate redis, QrIds qrIds,
            OidcProperties properties) {
        return new DeviceTickets(tickets, new RedisUserCodes(redis), qrIds, properties.ticket().pending());
    }

    @Bean
    PollPacing pollPacing(StringRedisTemplate redis, OidcProperties properties) {
        return new PollPacing(redis, properties.oidc().devicePollInterval());
    }

    @Bean
    SessionRedeemer sessionRedeemer(OidcProperties properties) {
        return new SessionRedeemer(properties.oidc().sessionServiceUri());
    }

    @Bean
    DeviceDecisions deviceDecisions(RedisOAuth2AuthorizationService authorizations, SessionRedeemer redeemer,
            SessionTokenVerifier sessionTokens, ClientRegistry clients) {
        return new DeviceDecisions(authorizations, redeemer, sessionTokens, clients);
    }

    @Bean
    DeviceGrant deviceGrant(DeviceTickets tickets, RedisOAuth2AuthorizationService authorizations, PollPacing pacing,
            DeviceDecisions decisions, OAuth2TokenGenerator<OAuth2Token> tokens, OidcProperties properties) {
        String publicBaseUrl = properties.session().issuer().toString();
        return new DeviceGrant(
                (provider) -> new QrDeviceAuthorizationRequestProvider(provider, tickets, authorizations,
                        properties.edge().clientIpHeader()),
                (provider) -> new QrDeviceCodeAuthenticationProvider(
                        new DeviceIdTokens(provider, authorizations, tokens), authorizations, pacing, decisions),
                new DeviceAuthorizationResponses(authorizations, publicBaseUrl, pacing));
    }
}
