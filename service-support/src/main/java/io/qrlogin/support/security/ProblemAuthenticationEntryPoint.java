package io.qrlogin.support.security;

import io.qrlogin.engine.observability.TracedLogging;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request without a valid bearer token with the {@code unauthorized} problem and an
 * RFC 6750 challenge. The reason stays out of the response and the logs: token validation messages
 * may quote claims. When the token could not be checked at all (the issuer's key set is
 * unreachable) the answer is {@code unavailable}, so the client retries instead of dropping its
 * user's sign-in.
 */
public final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger logger = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemResponder problems;

    private final String tokenName;

    /**
     * @param problems writes the problem
     * @param tokenName what the token is called in problem details, e.g. "app token"
     */
    public ProblemAuthenticationEntryPoint(ProblemResponder problems, String tokenName) {
        this.problems = problems;
        this.tokenName = tokenName;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof AuthenticationServiceException) {
            return TracedLogging.line(() -> logger.warn("Could not verify a {}: {}", this.tokenName,
                    ex.getClass().getSimpleName()))
                .then(this.problems.write(exchange, ProblemCode.UNAVAILABLE,
                        "The token cannot be verified right now; retry shortly."));
        }
        if (ex instanceof OAuth2AuthenticationException oauth2) {
            // RFC 6750 §3.1: tell the client its token, not its request, is the problem.
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return TracedLogging.line(() -> logger.debug("{} rejected: {}", this.tokenName,
                    oauth2.getError().getErrorCode()))
                .then(this.problems.write(exchange, ProblemCode.UNAUTHORIZED,
                        "The " + this.tokenName + " is invalid, expired or revoked."));
        }
        return this.problems.write(exchange, ProblemCode.UNAUTHORIZED, "A " + this.tokenName + " is required.");
    }
}
