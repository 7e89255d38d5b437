package io.qrlogin.session.demo;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;

import com.nimbusds.jose.jwk.JWKSet;

import io.qrlogin.session.SessionProperties;
import io.qrlogin.session.token.RandomIds;
import io.qrlogin.session.token.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Demo mode's app-token issuer, with a key of its own generated at start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DemoConfiguration.ENABLED)
class DemoConfiguration {

    /** {@link SessionProperties.Demo#enabled()}, as a property name for conditions. */
    static final String ENABLED = "qrlogin.demo.enabled";

    private static final Logger logger = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean
    DemoAppTokens demoAppTokens(SessionProperties properties, SecureRandom random, Clock clock) {
        DemoAppTokens tokens = new DemoAppTokens(SigningKeys.generate(), properties.session().issuer().toString(),
                properties.demo().appTokenLifetime(), new RandomIds(random), random, clock);
        logger.warn("Demo mode is on: /api/demo/app-token signs app tokens for any user name (key {}). "
                + "Never enable it where real users sign in.", tokens.keyId());
        return tokens;
    }

    /** The demo app tokens' public keys: the linked-sessions API trusts them when no identity provider is configured. */
    @Bean
    JWKSet demoAppTokenKeys(DemoAppTokens tokens) throws ParseException {
        return JWKSet.parse(tokens.publicJwkSet());
    }
}
