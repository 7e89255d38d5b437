package io.qrlogin.gateway.ratelimit;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.gateway.route.AddressBlock;
import io.qrlogin.support.web.ProblemResponder;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The browser bucket ({@code qrlogin.ratelimit.browser}), for whatever a browser asks of the edge: the
 * routed calls and the {@code /ws/qr} handshakes alike, counted per {@link AddressBlock}. A bean only
 * while rate limits are enabled.
 */
public final class BrowserRateLimit {

    private final RateLimitGlobalFilter.Limit limit;

    BrowserRateLimit(RateLimitGlobalFilter.Limit limit) {
        this.limit = limit;
    }

    /** Spends one call of {@code address}'s block: whether it may go on, and if not, when to come back. */
    public Mono<Verdict> check(String address) {
        return this.limit.check(RateLimitGlobalFilter.key("browser", AddressBlock.of(address)));
    }

    /**
     * Whether a call may go on, and if not, when to come back.
     *
     * @param allowed whether the call may go on
     * @param retryAfterSeconds when a refused caller may try again
     */
    public record Verdict(boolean allowed, long retryAfterSeconds) {

        /**
         * The answer to a refused call, a routed one or a socket handshake alike: {@code 429 rate_limited},
         * with when to come back in {@code Retry-After}.
         */
        public Mono<Void> refuse(ServerWebExchange exchange, ProblemResponder problems) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
            return problems.write(exchange, ProblemCode.RATE_LIMITED,
                    "Too many requests; retry after " + this.retryAfterSeconds + " s.");
        }
    }
}
