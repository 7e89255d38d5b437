package io.qrlogin.gateway.route;

import io.micrometer.context.ContextSnapshot;
import io.qrlogin.engine.observability.TracedLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hands every routed request's client IP to the services in the trusted client-IP header
 * ({@code qrlogin.edge.client-ip-header}). Whatever a caller sent in that header is dropped first:
 * the services believe it because only the edge can have written it.
 */
@Order(EdgeOrder.CLIENT_IP)
final class ClientIpGlobalFilter implements GlobalFilter {

    private static final Logger logger = LoggerFactory.getLogger(ClientIpGlobalFilter.class);

    private final String header;

    private final ClientIpResolver resolver;

    ClientIpGlobalFilter(String header, ClientIpResolver resolver) {
        this.header = header;
        this.resolver = resolver;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String clientIp = this.resolver.resolve(exchange.getRequest());
        ServerHttpRequest request = exchange.getRequest().mutate().headers((headers) -> {
            headers.remove(this.header);
            if (clientIp != null) {
                headers.set(this.header, clientIp);
            }
        }).build();
        return Mono.deferContextual((context) -> {
            if (logger.isDebugEnabled()) {
                // With the request's trace id (from the Reactor context); the route, never the path (it may hold a QR id).
                try (ContextSnapshot.Scope scope = TracedLogging.restore(context)) {
                    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
                    logger.debug("Routing {} to {}", exchange.getRequest().getMethod(),
                            (route != null) ? route.getId() : "?");
                }
            }
            return chain.filter(exchange.mutate().request(request).build());
        });
    }
}
