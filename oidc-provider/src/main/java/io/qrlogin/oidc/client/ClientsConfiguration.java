package io.qrlogin.oidc.client;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.oidc.OidcProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OAuth clients, from {@code qrlogin.clients.*}. */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

    @Bean
    ConfiguredClients registeredClientRepository(ClientRegistry registry, OidcProperties properties) {
        return new ConfiguredClients(registry, properties.oidc().accessTokenLifetime(),
                properties.oidc().refreshTokenLifetime(), properties.ticket().pending());
    }
}
