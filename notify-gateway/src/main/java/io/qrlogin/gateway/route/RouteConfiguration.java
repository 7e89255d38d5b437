package io.qrlogin.gateway.route;

import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.GatewayProperties;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.BooleanSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The public routes: each path prefix to the service that owns it, and each service's OpenAPI
 * document ({@code /v3/api-docs/{qr,scan,session}}, the UI is {@code /api-docs}). A WebSocket upgrade matches no
 * route (the gateway serves {@code /ws/qr} itself and proxies no socket); anything unrouted is a
 * {@code 404 not_found} problem — {@code /internal/**} (session-service's liveness check for the OpenID
 * Provider) included: it is reachable inside the cluster only.
 *
 * <p>The OpenID Provider owns the OAuth 2.0 and OpenID Connect endpoints, its login pages and the discovery
 * documents: one issuer, one document, a superset of the one session-service publishes. The JWK set stays
 * with session-service: the provider signs with the same keys.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    /** The phone app's route to session-service ({@code /api/app/**}); rate limited as the app's (RateLimitGlobalFilter). */
    static final String SESSION_APP_ROUTE = "session-service-app";

    /** The OpenID Provider's route. */
    static final String OIDC_PROVIDER_ROUTE = "oidc-provider";

    @Bean
    RouteLocator qrLoginRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        GatewayProperties.Gateway gateway = properties.gateway();
        return routes.routes()
            .route("qr-service", (route) -> http(route, "/api/qr/**", "/q/**", "/v3/api-docs/qr", "/v3/api-docs/qr.yaml")
                .uri(gateway.qrServiceUri()))
            .route("scan-service", (route) -> http(route, "/api/scan/**", "/v3/api-docs/scan", "/v3/api-docs/scan.yaml")
                .uri(gateway.scanServiceUri()))
            // The phone app's own calls to session-service (its signed-in browsers): rate limited per app token.
            .route(SESSION_APP_ROUTE, (route) -> http(route, "/api/app/**").uri(gateway.sessionServiceUri()))
            .route("session-service", (route) -> http(route, "/api/session/**", "/api/demo/**", "/.well-known/jwks.json",
                    "/v3/api-docs/session", "/v3/api-docs/session.yaml")
                .uri(gateway.sessionServiceUri()))
            .route(OIDC_PROVIDER_ROUTE, (route) -> http(route, "/oauth2/**", "/userinfo", "/connect/**", "/login/**",
                    "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")
                .uri(gateway.oidcProviderUri()))
            .build();
    }

    /** The public URL the OpenID Provider builds its links from, and the client's address. */
    @Bean
    OidcProviderForwardedHeadersFilter oidcProviderForwardedHeadersFilter(GatewayProperties properties,
            ClientIpResolver addresses) {
        return new OidcProviderForwardedHeadersFilter(OIDC_PROVIDER_ROUTE, properties.publicBaseUrl(), addresses);
    }

    /** Who the client is: for the services, the rate limits and the socket cap alike. */
    @Bean
    ClientIpResolver clientIpResolver(GatewayProperties properties) {
        return new ClientIpResolver(properties.gateway().trustedProxies());
    }

    @Bean
    ClientIpGlobalFilter clientIpGlobalFilter(GatewayProperties properties, ClientIpResolver addresses) {
        return new ClientIpGlobalFilter(properties.edge().clientIpHeader(), addresses);
    }

    @Bean
    OddPathWebFilter oddPathWebFilter(ProblemResponder problems) {
        return new OddPathWebFilter(problems);
    }

    @Bean
    EdgeHeadersWebFilter edgeHeadersWebFilter() {
        return new EdgeHeadersWebFilter();
    }

    @Bean
    UpstreamFailureExceptionHandler upstreamFailureExceptionHandler(ProblemResponder problems) {
        return new UpstreamFailureExceptionHandler(problems);
    }

    private static BooleanSpec http(PredicateSpec route, String... paths) {
        return route.path(paths).and().not((upgrade) -> upgrade.header(HttpHeaders.UPGRADE, "(?i)websocket"));
    }
}
