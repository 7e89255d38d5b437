package io.qrlogin.gateway.cors;

import java.time.Duration;
import java.util.List;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.BrowserOrigins;
import io.qrlogin.gateway.route.EdgeOrder;
import io.qrlogin.gateway.route.OddPathWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * CORS for {@code /api/**}, only for the {@link BrowserOrigins}: a page of a registered client may call
 * the API from its own origin (the widget with {@code baseUrl}), any other origin gets no CORS header
 * and a {@code 403 forbidden} problem, before anything is proxied. Same-origin requests and callers
 * that send no {@code Origin} (the phone app, backends) are not CORS requests and pass. No credentials:
 * the API uses bearer tokens, never cookies.
 *
 * @see <a href="https://fetch.spec.whatwg.org/#http-cors-protocol">Fetch, the CORS protocol</a>
 */
@Order(EdgeOrder.API_CORS)
final class ApiCorsWebFilter implements WebFilter {

    static final String PATH_PREFIX = "/api/";

    /** How long a browser may cache a preflight answer. */
    static final Duration MAX_AGE = Duration.ofHours(1);

    private final CorsConfiguration configuration;

    private final CorsProcessor processor = new DefaultCorsProcessor();

    private final ProblemResponder problems;

    ApiCorsWebFilter(BrowserOrigins origins, ProblemResponder problems) {
        this.problems = problems;
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins.all());
        configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
        configuration.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION));
        configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(MAX_AGE);
        this.configuration = configuration;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // The path the routes match (decoded, without path parameters), never the raw text: /%61pi/qr and
        // /api;x/qr are routed as /api/qr, so they must not skip the check.
        if (!OddPathWebFilter.normalized(exchange.getRequest().getPath()).startsWith(PATH_PREFIX)) {
            return chain.filter(exchange);
        }
        if (!this.processor.process(this.configuration, exchange)) {
            return this.problems.write(exchange, ProblemCode.FORBIDDEN, "This origin may not call the API.");
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }
}
