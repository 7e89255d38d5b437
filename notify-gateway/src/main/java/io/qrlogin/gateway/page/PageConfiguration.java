package io.qrlogin.gateway.page;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * What the gateway serves itself besides {@code /ws/qr}: the browser widget {@code /qrlogin.js},
 * always, and in demo mode the demo pages. Every response carries the page security headers.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration {

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    /**
     * Scripts and styles only from this origin, no inline code, never framed; the QR image is a
     * data: URI; the page talks to this origin over HTTP and WebSocket.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> widgetRoute() {
        Resource widget = new ClassPathResource("widget/qrlogin.js");
        return RouterFunctions.route(GET("/qrlogin.js"), (request) -> ServerResponse.ok()
            .contentType(JAVASCRIPT)
            .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
            .bodyValue(widget)).filter(securityHeaders());
    }

    @Bean
    @ConditionalOnBooleanProperty("qrlogin.demo.enabled")
    RouterFunction<ServerResponse> demoRoutes() {
        Resource login = new ClassPathResource("demo/index.html");
        Resource app = new ClassPathResource("demo/app.html");
        return RouterFunctions.route(GET("/"), (request) -> page(login))
            .andRoute(GET("/app"), (request) -> page(app))
            .and(RouterFunctions.resources("/demo/**", new ClassPathResource("demo/")))
            .filter(securityHeaders());
    }

    private static reactor.core.publisher.Mono<ServerResponse> page(Resource html) {
        return ServerResponse.ok().contentType(HTML).cacheControl(CacheControl.noStore()).bodyValue(html);
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> securityHeaders() {
        return (request, next) -> {
            HttpHeaders headers = request.exchange().getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            return next.handle(request);
        };
    }
}
