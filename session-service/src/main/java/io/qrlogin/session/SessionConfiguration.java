package io.qrlogin.session;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.store.SessionRedis;
import io.qrlogin.session.token.RandomIds;
import io.qrlogin.session.token.SessionTokenIssuer;
import io.qrlogin.session.token.SigningKeys;
import io.qrlogin.support.useragent.UserAgents;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ticket engine (Redis store, event publisher, problem responder), configured by
 * {@link SessionProperties}, and what issues and keeps session tokens.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class SessionConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * DRBG (NIST SP 800-90A) seeded once from the OS: token ids and ECDSA nonces then cost CPU only,
     * with no file read or lock on the event loop.
     */
    @Bean
    SecureRandom secureRandom() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("DRBG");
        random.nextBytes(new byte[1]);
        return random;
    }

    @Bean
    ClientRegistry clientRegistry(SessionProperties properties) {
        return ClientRegistry.of(properties.clients());
    }

    @Bean
    SigningKeys signingKeys(SessionProperties properties) {
        SessionProperties.Signing signing = properties.session().signing();
        return SigningKeys.of(signing.jwks(), signing.keyId(), properties.demo().enabled());
    }

    @Bean
    SessionTokenIssuer sessionTokenIssuer(SigningKeys keys, SessionProperties properties, ClientRegistry clients,
            SecureRandom random, Clock clock) {
        return new SessionTokenIssuer(keys, clients, properties.session().issuer().toString(),
                properties.session().tokenLifetime(), new RandomIds(random), random, clock);
    }

    /** The browser and OS names sessions are listed with; its rules are compiled once, here. */
    @Bean
    UserAgents userAgents() {
        return new UserAgents();
    }

    @Bean
    RedisSessionStore sessionStore(SessionRedis sessions, Clock clock) {
        return new RedisSessionStore(sessions.template(), clock, SessionTokenIssuer.CLOCK_SKEW);
    }
}
