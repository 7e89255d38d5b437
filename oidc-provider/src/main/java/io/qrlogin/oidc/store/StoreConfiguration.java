package io.qrlogin.oidc.store;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Authorizations and consents in Redis, shared by every instance. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    RedisOAuth2AuthorizationService authorizationService(StringRedisTemplate redis, RegisteredClientRepository clients,
            Clock clock) {
        return new RedisOAuth2AuthorizationService(redis, clients, clock);
    }

    @Bean
    RedisOAuth2AuthorizationConsentService authorizationConsentService(StringRedisTemplate redis) {
        return new RedisOAuth2AuthorizationConsentService(redis);
    }
}
