package io.qrlogin.qr;

import java.security.NoSuchAlgorithmException;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.qrimage.QrCodeRenderer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QrProperties.class)
class QrConfiguration {

    @Bean
    QrIds qrIds() throws NoSuchAlgorithmException {
        return QrIds.seededDrbg();
    }

    @Bean
    ClientRegistry clientRegistry(QrProperties properties) {
        return ClientRegistry.of(properties.clients());
    }

    @Bean
    QrCodeRenderer qrCodeRenderer(QrProperties properties) {
        return new QrCodeRenderer(properties.image().modulePixels(), properties.image().quietZone());
    }
}
