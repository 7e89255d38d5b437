package io.qrlogin.oidc;

import java.time.Clock;

import io.qrlogin.core.client.ClientRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider's settings and what every feature of it shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ClientRegistry clientRegistry(OidcProperties properties) {
        return ClientRegistry.of(properties.clients());
    }
}
