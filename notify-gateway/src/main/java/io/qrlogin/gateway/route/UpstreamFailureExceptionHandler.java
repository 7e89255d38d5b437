package io.qrlogin.gateway.route;

import java.net.ConnectException;
import java.net.UnknownHostException;

import io.qrlogin.engine.observability.TracedLogging;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A service the gateway routes to is down or too slow: the caller gets {@code 503 unavailable} (retry
 * shortly) instead of a {@code 500}. Written by the common problem responder, like every other problem;
 * anything else goes on to it unchanged.
 */
@Order(EdgeOrder.UPSTREAM_FAILURE)
final class UpstreamFailureExceptionHandler implements WebExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(UpstreamFailureExceptionHandler.class);

    private final ProblemResponder problems;

    UpstreamFailureExceptionHandler(ProblemResponder problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted() || !isUpstreamFailure(ex)) {
            return Mono.error(ex);
        }
        return TracedLogging.line(() -> logger.warn("Upstream service unavailable: {}", ex.toString()))
            .then(this.problems.write(exchange, ProblemCode.UNAVAILABLE, "Temporarily unavailable; retry shortly."));
    }

    static boolean isUpstreamFailure(Throwable ex) {
        if (ex instanceof ResponseStatusException status) {
            // The gateway answers 504 when a service does not respond in time, 502 when it answers garbage.
            int code = status.getStatusCode().value();
            return code == 502 || code == 504;
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
