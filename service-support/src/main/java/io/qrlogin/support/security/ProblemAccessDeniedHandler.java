package io.qrlogin.support.security;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/** Answers an authenticated request that may not proceed with the {@code forbidden} problem. */
public final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ProblemResponder problems;

    public ProblemAccessDeniedHandler(ProblemResponder problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return this.problems.write(exchange, ProblemCode.FORBIDDEN, "You may not access this resource.");
    }
}
