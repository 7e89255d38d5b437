package io.qrlogin.qr;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.qrimage.QrCodeRenderer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QrProperties.class)
class QrConfiguration {

    /**
     * DRBG (NIST SP 800-90A) seeded once from the OS: after that, ids cost CPU only, with no file
     * read or lock on the event loop.
     */
    @Bean
    QrIds qrIds() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("DRBG");
        random.nextBytes(new byte[1]);
        return new QrIds(random);
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
