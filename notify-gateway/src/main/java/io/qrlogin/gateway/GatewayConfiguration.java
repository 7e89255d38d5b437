package io.qrlogin.gateway;

import io.qrlogin.common.config.TicketEngineConfiguration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The ticket engine (Redis store, event publisher, problem responder), configured by {@link GatewayProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GatewayProperties.class, ResyncProperties.class })
@Import(TicketEngineConfiguration.class)
class GatewayConfiguration {

}
