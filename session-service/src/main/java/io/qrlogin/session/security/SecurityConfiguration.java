package io.qrlogin.session.security;

import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.support.security.BearerTokenApi;
import io.qrlogin.session.SessionProperties;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.token.SigningKeys;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Only the current session's endpoints need a token: this service's own session token, verified
 * with its own keys and checked live in Redis. Redeem, discovery and the demo issuer are public
 * (and ignore any {@code Authorization} header); anything else is denied. Stateless: no server
 * session, no cookies, hence no CSRF protection to need.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String ME = "/api/session/me";

    static final String LOGOUT = "/api/session/logout";

    @Bean
    ReactiveJwtDecoder sessionTokenDecoder(SigningKeys keys, SessionProperties properties) {
        return SessionTokenDecoders.sessionTokens(keys, properties.session().issuer().toString());
    }

    @Bean
    SecurityWebFilterChain sessionSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            RedisSessionStore sessions, ProblemResponder problems) {
        return BearerTokenApi.configure(http, problems, "session token", (server) -> server
            .bearerTokenConverter(onlyOn(ServerWebExchangeMatchers.pathMatchers(ME, LOGOUT)))
            .jwt((jwt) -> jwt.jwtDecoder(decoder)
                .jwtAuthenticationConverter(new SessionAuthenticationConverter(sessions))))
            .authorizeExchange((exchanges) -> exchanges
                .pathMatchers(ME, LOGOUT).authenticated()
                .pathMatchers("/api/session/redeem", "/api/session/decline", "/.well-known/**", "/api/demo/**").permitAll()
                // The OpenID Provider's liveness check and its logouts; never routed by the gateway, reachable inside the cluster only.
                .pathMatchers(HttpMethod.POST, "/internal/sessions/*/touch", "/internal/sessions/*/end").permitAll()
                // The OpenAPI document, published by the gateway.
                .pathMatchers("/v3/api-docs/session", "/v3/api-docs/session.yaml").permitAll()
                // Served only on the management port, which the edge never exposes.
                .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                .anyExchange().denyAll())
            .build();
    }

    /** Reads the bearer token only where one is needed, so a stray header cannot fail a public call. */
    private static ServerAuthenticationConverter onlyOn(ServerWebExchangeMatcher paths) {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return (exchange) -> paths.matches(exchange)
            .flatMap((match) -> match.isMatch() ? bearer.convert(exchange) : Mono.empty());
    }
}
