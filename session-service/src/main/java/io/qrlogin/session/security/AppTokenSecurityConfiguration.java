package io.qrlogin.session.security;

import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import io.qrlogin.session.SessionProperties;
import io.qrlogin.support.apptoken.AppTokenDecoders;
import io.qrlogin.support.apptoken.AppUserAuthenticationConverter;
import io.qrlogin.support.apptoken.VerifiedTokenCache;
import io.qrlogin.support.security.BearerTokenApi;
import io.qrlogin.support.web.ProblemResponder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.StringUtils;

/**
 * The linked-sessions API ({@code /api/app/**}) takes the app user's token, as scan-service does, verified by
 * the same shared decoder ({@link AppTokenDecoders}, {@code spring.security.oauth2.resourceserver.jwt.*},
 * {@code qrlogin.app-tokens.*}) and remembered a while ({@link VerifiedTokenCache}). In demo mode without a
 * configured identity provider, the demo issuer's own keys. With neither, every app token is refused (the rest
 * of the service works). A chain of its own, ahead of the session tokens' one: a session token is no app token.
 */
@Configuration(proxyBeanMethods = false)
class AppTokenSecurityConfiguration {

    static final String APP = "/api/app/**";

    private static final Logger logger = LoggerFactory.getLogger(AppTokenSecurityConfiguration.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain appTokenSecurity(ServerHttpSecurity http,
            ObjectProvider<OAuth2ResourceServerProperties> resourceServer, SessionProperties properties,
            ObjectProvider<JWKSet> demoKeys, ProblemResponder problems) {
        ReactiveJwtDecoder decoder = new VerifiedTokenCache(appTokenDecoder(
                resourceServer.getIfAvailable(OAuth2ResourceServerProperties::new), properties,
                demoKeys.getIfAvailable()), properties.verifiedTokens().size(), properties.verifiedTokens().maxAge());
        return BearerTokenApi.configure(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(APP)), problems,
                "app token", (server) -> server.jwt((jwt) -> jwt.jwtDecoder(decoder)
                    .jwtAuthenticationConverter(new AppUserAuthenticationConverter())))
            .authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
            .build();
    }

    static ReactiveJwtDecoder appTokenDecoder(OAuth2ResourceServerProperties resourceServer,
            SessionProperties properties, @Nullable JWKSet demoKeys) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        List<String> audiences = (jwt.getAudiences() != null) ? jwt.getAudiences() : List.of();
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            AppTokenDecoders.requireAudienceOutsideDemo(audiences, properties.demo().enabled());
            return AppTokenDecoders.fromKeySet(jwt.getJwkSetUri(), jwt.getIssuerUri(), audiences,
                    jwt.getJwsAlgorithms(), properties.appTokens());
        }
        if (demoKeys != null) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource((token) -> Flux.fromIterable(demoKeys.getKeys()))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
            decoder.setJwtValidator(AppTokenDecoders.validator(properties.session().issuer() + "/demo",
                    audiences.isEmpty() ? List.of("qrlogin-app") : audiences));
            return decoder;
        }
        logger.warn("No identity provider for app tokens is configured (spring.security.oauth2.resourceserver.jwt."
                + "jwk-set-uri): the linked-sessions API /api/app/sessions refuses every call");
        return (token) -> Mono.error(new BadJwtException("App tokens are not accepted here: no identity provider is "
                + "configured"));
    }
}
