package io.qrlogin.gateway;

import io.qrlogin.core.client.ClientRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ticket engine (Redis store, event publisher, problem responder), configured by {@link GatewayProperties},
 * and the browser origins allowed at the edge.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    /**
     * The registered clients matter to the edge only for their origins: the registry (which validates them)
     * is not a bean of its own.
     */
    @Bean
    BrowserOrigins browserOrigins(GatewayProperties properties) {
        return BrowserOrigins.of(properties.gateway(), ClientRegistry.of(properties.clients()));
    }
}
