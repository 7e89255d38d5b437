package io.qrlogin.support.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.micrometer.context.ContextSnapshot;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.engine.observability.TracedLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The one place where a service turns failures into RFC 9457 problems with a stable {@code code}.
 * Registered as a bean ahead of Boot's error handler, it sees every exception of the service;
 * security entry points call {@link #write} directly. Never a stack trace in a response, and never
 * the request path (it may hold a QR id).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class ProblemResponder implements WebExceptionHandler, Ordered {

    private static final Logger logger = LoggerFactory.getLogger(ProblemResponder.class);

    private final JsonMapper json;

    private final TicketMetrics metrics;

    public ProblemResponder(JsonMapper json) {
        this(json, TicketMetrics.none());
    }

    /** Counts every refused attempt (a 4xx problem) in {@code metrics}, by code. */
    public ProblemResponder(JsonMapper json, TicketMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        // Before Boot's DefaultErrorWebExceptionHandler (-1).
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        return Mono.deferContextual((context) -> {
            QrLoginException problem;
            // Telling the problem may log (a store unavailable, a failure we did not expect): in the request's trace.
            try (ContextSnapshot.Scope scope = TracedLogging.restore(context)) {
                problem = problemFor(ex);
            }
            return write(exchange, problem);
        });
    }

    /** Writes the problem for {@code code} with {@code detail} as the response. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemCode code, String detail) {
        return write(exchange, new QrLoginException(code, detail));
    }

    private Mono<Void> write(ServerWebExchange exchange, QrLoginException problem) {
        ProblemCode code = problem.code();
        if (code.status() >= 400 && code.status() < 500) {
            this.metrics.rejected(code);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("detail", problem.getMessage());
        body.put("code", code.code());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(code.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        if (code == ProblemCode.UNAUTHORIZED && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            // A security entry point may have set a more precise challenge (RFC 6750 §3).
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        DataBuffer buffer = response.bufferFactory().wrap(this.json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }

    static QrLoginException problemFor(Throwable ex) {
        if (ex instanceof QrLoginException problem) {
            return problem;
        }
        if (causedBy(ex, DataBufferLimitException.class)) {
            return new QrLoginException(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
        }
        if (ex instanceof ServerWebInputException) {
            return new QrLoginException(ProblemCode.INVALID_REQUEST,
                    "The request is malformed: expected a JSON object of the documented shape.");
        }
        if (ex instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 404 -> new QrLoginException(ProblemCode.NOT_FOUND, "No such resource.");
                case 405 -> new QrLoginException(ProblemCode.METHOD_NOT_ALLOWED, "Method not allowed here.");
                case 413 -> new QrLoginException(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
                case 415 -> new QrLoginException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json.");
                case 503 -> unavailable();
                default -> (status.getStatusCode().is4xxClientError())
                        ? new QrLoginException(ProblemCode.INVALID_REQUEST, "The request is not acceptable.")
                        : internal(ex);
            };
        }
        if (causedBy(ex, DataAccessResourceFailureException.class) || causedBy(ex, QueryTimeoutException.class)
                || causedBy(ex, TimeoutException.class)) {
            logger.warn("Backing store unavailable: {}", ex.toString());
            return unavailable();
        }
        return internal(ex);
    }

    private static QrLoginException unavailable() {
        return new QrLoginException(ProblemCode.UNAVAILABLE, "Temporarily unavailable; retry shortly.");
    }

    private static QrLoginException internal(Throwable ex) {
        logger.error("Unexpected failure", ex);
        return new QrLoginException(ProblemCode.INTERNAL_ERROR, "Something went wrong on our side.");
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
