package io.qrlogin.scan.security;

import java.util.List;

import io.qrlogin.scan.ScanProperties;
import io.qrlogin.support.apptoken.AppTokenDecoders;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The decoder of app tokens ({@link AppTokenDecoders}: a cached, rate-limited key set), in place of the one Boot
 * would build from {@code spring.security.oauth2.resourceserver.jwt.*}, whose properties it reads:
 * {@code jwk-set-uri}, {@code issuer-uri}, {@code audiences} and {@code jws-algorithms}.
 */
@Configuration(proxyBeanMethods = false)
class AppTokenDecoderConfiguration {

    @Bean
    ReactiveJwtDecoder appTokenDecoder(OAuth2ResourceServerProperties resourceServer, ScanProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        List<String> audiences = (jwt.getAudiences() != null) ? jwt.getAudiences() : List.of();
        AppTokenDecoders.requireAudienceOutsideDemo(audiences, properties.demo().enabled());
        if (!StringUtils.hasText(jwt.getJwkSetUri())) {
            throw new IllegalStateException("scan-service trusts the app tokens of one identity provider: set "
                    + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri to where it publishes its keys (and "
                    + "issuer-uri to the iss its tokens carry)");
        }
        return AppTokenDecoders.fromKeySet(jwt.getJwkSetUri(), jwt.getIssuerUri(), audiences, jwt.getJwsAlgorithms(),
                properties.appTokens());
    }
}
