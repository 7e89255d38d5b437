package io.qrlogin.scan.security;

import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.support.security.BearerTokenApi;
import io.qrlogin.scan.ScanProperties;
import io.qrlogin.support.apptoken.AppUserAuthenticationConverter;
import io.qrlogin.support.apptoken.VerifiedTokenCache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The service is an OAuth2 resource server: every call carries the app user's bearer JWT, verified
 * by the decoder Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*} and remembered a while
 * ({@link VerifiedTokenCache}). Stateless:
 * no session, no cookies, hence no CSRF protection to need. Anything but the scan API is denied.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain scanSecurity(ServerHttpSecurity http, ObjectProvider<ReactiveJwtDecoder> decoder,
            ScanProperties properties, ProblemResponder problems) {
        return BearerTokenApi.configure(http, problems, "app token", (server) -> server
            .jwt((jwt) -> jwt.jwtDecoder(new VerifiedTokenCache(
                    decoder.getIfAvailable(SecurityConfiguration::missingIssuer), properties.verifiedTokens().size(),
                    properties.verifiedTokens().maxAge()))
                .jwtAuthenticationConverter(new AppUserAuthenticationConverter())))
            .authorizeExchange((exchanges) -> exchanges
                .pathMatchers("/api/scan/**").authenticated()
                // The OpenAPI document, published by the gateway.
                .pathMatchers("/v3/api-docs/scan", "/v3/api-docs/scan.yaml").permitAll()
                // Served only on the management port, which the edge never exposes.
                .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                .anyExchange().denyAll())
            .build();
    }

    private static ReactiveJwtDecoder missingIssuer() {
        throw new IllegalStateException("scan-service trusts the app tokens of one identity provider: set "
                + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri or issuer-uri");
    }
}
