package io.qrlogin.session;

import io.lettuce.core.resource.ClientResources;
import io.qrlogin.session.store.SessionRedis;
import io.qrlogin.support.config.TicketEngineAutoConfiguration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Redis of sessions and revocations ({@link SessionRedisProperties}): the tickets' one unless
 * {@code qrlogin.session.redis.url} names one of their own. Apart from {@link SessionConfiguration} so that
 * web slices, which stub the session store, need no Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionRedisProperties.class)
class SessionRedisConfiguration {

    /** Not a connection factory bean: a second one would turn off Boot's own. */
    @Bean
    SessionRedis sessionRedis(SessionRedisProperties properties, ReactiveStringRedisTemplate redis,
            DataRedisProperties shared, ClientResources resources) {
        String url = properties.url();
        return (url != null) ? SessionRedis.connect(url, shared.getTimeout(), shared.getConnectTimeout(), resources,
                TicketEngineAutoConfiguration.REDIS_CONNECT_RETRY) : SessionRedis.shared(redis);
    }

    /** Named {@code sessionRedis} in the health endpoint and in session-service's readiness: redeems and logouts need it. */
    @Bean
    DataRedisReactiveHealthIndicator sessionRedisHealthIndicator(SessionRedis sessions) {
        return new DataRedisReactiveHealthIndicator(sessions.connections());
    }
}
