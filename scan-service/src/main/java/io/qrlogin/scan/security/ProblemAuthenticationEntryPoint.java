package io.qrlogin.scan.security;

import io.qrlogin.common.problem.ProblemCode;
import io.qrlogin.common.problem.ProblemResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request without a valid bearer token with the {@code unauthorized} problem. The
 * reason stays out of the response and the logs: token validation messages may quote claims.
 * When the token could not be checked at all (the identity provider's key set is unreachable) the
 * answer is {@code unavailable}, so the app retries instead of signing its user out.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger logger = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemResponder problems;

    ProblemAuthenticationEntryPoint(ProblemResponder problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof AuthenticationServiceException) {
            logger.warn("Could not verify a bearer token: {}", ex.getClass().getSimpleName());
            return this.problems.write(exchange, ProblemCode.UNAVAILABLE,
                    "The token cannot be verified right now; retry shortly.");
        }
        if (ex instanceof OAuth2AuthenticationException oauth2) {
            logger.debug("Bearer token rejected: {}", oauth2.getError().getErrorCode());
            return this.problems.write(exchange, ProblemCode.UNAUTHORIZED, "The bearer token is invalid or expired.");
        }
        return this.problems.write(exchange, ProblemCode.UNAUTHORIZED, "A bearer token is required.");
    }
}
