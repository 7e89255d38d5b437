package io.qrlogin.oidc.keys;

import io.qrlogin.keys.SigningKeySet;
import io.qrlogin.oidc.OidcProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session keys, read once: a set that cannot sign fails the start naming the property. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    SigningKeySet signingKeys(OidcProperties properties) {
        OidcProperties.Signing signing = properties.session().signing();
        return SigningKeySet.of(signing.jwks(), signing.keyId());
    }
}
