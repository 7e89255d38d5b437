package io.qrlogin.gateway.page;

import io.qrlogin.gateway.BrowserOrigins;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * CORS for the widget's files: a browser origin ({@link BrowserOrigins}) gets itself back in
 * {@code Access-Control-Allow-Origin}, never {@code *}, any other origin gets no CORS header (the
 * browser then refuses the module to the page). Every answer says {@code Vary: Origin}, so no cache
 * hands one origin's answer to another. Only simple {@code GET}s reach these files (a module script sends
 * no custom header), so there is no preflight to answer; no credentials, the widget needs none.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/webappapis.html#fetch-a-single-module-script">HTML:
 * module scripts are fetched in CORS mode</a>
 */
final class WidgetCorsFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private final BrowserOrigins origins;

    WidgetCorsFilter(BrowserOrigins origins) {
        this.origins = origins;
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        HttpHeaders headers = request.exchange().getResponse().getHeaders();
        headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        String origin = request.headers().firstHeader(HttpHeaders.ORIGIN);
        if (origin != null && this.origins.isAllowed(origin)) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        return next.handle(request);
    }
}
