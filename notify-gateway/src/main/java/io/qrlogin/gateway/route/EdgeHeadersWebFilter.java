package io.qrlogin.gateway.route;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The security headers every response of the edge carries, whoever wrote it (a service behind a route,
 * the gateway's own pages, a problem): no content sniffing, no referrer (a landing page's URL holds a QR
 * id), never framed. A header the response already has (a page's own, stricter policy) is kept. Over
 * HTTPS, browsers are told to stay on HTTPS.
 */
@Order(EdgeOrder.EDGE_HEADERS)
final class EdgeHeadersWebFilter implements WebFilter {

    static final String FRAME_ANCESTORS_NONE = "frame-ancestors 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean secure = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            setIfAbsent(headers, "Referrer-Policy", "no-referrer");
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, "Content-Security-Policy", FRAME_ANCESTORS_NONE);
            if (secure) {
                setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static void setIfAbsent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }
}
