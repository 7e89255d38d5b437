package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.codec.autoconfigure.HttpCodecsProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a request whose declared body is larger than {@code spring.http.codecs.max-in-memory-size}
 * with 413, before authentication and before anything reads it. The API reads at most a tiny confirm
 * body, so the codec limit alone would never see the others.
 */
@Component
final class RequestBodyLimitWebFilter implements WebFilter, Ordered {

    /** Spring's own default for the codec limit. */
    private static final DataSize DEFAULT_LIMIT = DataSize.ofKilobytes(256);

    private final long limit;

    RequestBodyLimitWebFilter(HttpCodecsProperties codecs) {
        DataSize configured = codecs.getMaxInMemorySize();
        this.limit = ((configured != null) ? configured : DEFAULT_LIMIT).toBytes();
    }

    @Override
    public int getOrder() {
        // Ahead of Spring Security's filter chain (-100): no token is verified for a request refused anyway.
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (this.limit >= 0 && length > this.limit) {
            return Mono.error(new QrLoginException(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large."));
        }
        return chain.filter(exchange);
    }
}
