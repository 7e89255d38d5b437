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

    @Bean
    ClientRegistry clientRegistry(GatewayProperties properties) {
        return ClientRegistry.of(properties.clients());
    }

    @Bean
    BrowserOrigins browserOrigins(GatewayProperties properties, ClientRegistry clients) {
        return BrowserOrigins.of(properties.gateway(), clients);
    }
}
