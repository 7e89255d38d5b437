package io.qrlogin.gateway.ratelimit;

import io.qrlogin.gateway.route.AddressBlock;
import reactor.core.publisher.Mono;

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
    }
}
