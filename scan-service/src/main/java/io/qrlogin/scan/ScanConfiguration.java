package io.qrlogin.scan;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.ticket.MatchCodes;
import io.qrlogin.support.useragent.UserAgents;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ticket engine (Redis store, event publisher, problem responder), configured by {@link ScanProperties},
 * the client registry and the number-matching codes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScanProperties.class)
class ScanConfiguration {

    @Bean
    ClientRegistry clientRegistry(ScanProperties properties) {
        return ClientRegistry.of(properties.clients());
    }

    /**
     * DRBG (NIST SP 800-90A) seeded once from the OS: after that, codes cost CPU only, with no file
     * read or lock on the event loop.
     */
    @Bean
    MatchCodes matchCodes() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("DRBG");
        random.nextBytes(new byte[1]);
        return new MatchCodes(random);
    }

    /** The browser and OS names the confirm screen shows; its rules are compiled once, here. */
    @Bean
    UserAgents userAgents() {
        return new UserAgents();
    }
}
