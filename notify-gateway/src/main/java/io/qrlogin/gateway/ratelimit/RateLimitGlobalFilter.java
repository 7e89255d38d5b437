package io.qrlogin.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.ratelimit.BrowserRateLimit.Verdict;
import io.qrlogin.gateway.route.AddressBlock;
import io.qrlogin.gateway.route.ClientIpResolver;
import io.qrlogin.gateway.route.EdgeOrder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rate limits every routed call before it reaches a service: browser calls per client address block
 * ({@link AddressBlock}: an IPv4 address, an IPv6 {@code /64}); the app's calls (the scan-service
 * route, and session-service's {@code /api/app/**}) per app token and, as a backstop, per client address block. A refused call is a
 * {@code 429 rate_limited} problem with {@code Retry-After}; the buckets are Spring Cloud Gateway's
 * Redis token buckets, so every gateway instance shares them. When Redis cannot be reached the limiter
 * lets calls through: the services then answer {@code 503} on their own.
 *
 * <p>The app's own bucket is keyed on a hash of the whole bearer token, never on a claim read from it:
 * the edge cannot verify the token (scan-service does), and a bucket keyed on the unverified
 * {@code sub} let anyone lock a chosen user out with forged tokens naming them. A forged
 * token now spends only its own bucket and the address backstop; the user's real token is a string
 * the forger does not have. Bucket keys are hashes: no address, user or token is stored in Redis.
 */
@Order(EdgeOrder.RATE_LIMIT)
final class RateLimitGlobalFilter implements GlobalFilter {

    /** The route whose callers are the phone app: its scans. */
    static final String APP_ROUTE = "scan-service";

    /** The routes whose callers are the phone app, with an app token: its scans and its signed-in browsers. */
    static final Set<String> APP_ROUTES = Set.of(APP_ROUTE, "session-service-app");

    /** A bearer token longer than this gets no bucket of its own (the service refuses it anyway). */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final Limits limits;

    private final ProblemResponder problems;

    RateLimitGlobalFilter(Limits limits, ProblemResponder problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return this.limits.check(exchange)
            .flatMap((verdict) -> verdict.allowed() ? chain.filter(exchange) : verdict.refuse(exchange, this.problems));
    }

    /** The bearer token as sent, or {@code null} when there is none (or it is too long to be one). */
    static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** A bucket key: a short hash, never the address or user id itself. */
    static String key(String kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
            return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JRE", ex);
        }
    }

    /**
     * One token bucket kind.
     *
     * @param limiter the shared Redis limiter
     * @param name the configuration the limiter holds for this kind
     * @param bucket its size
     */
    record Limit(RateLimiter<?> limiter, String name, GatewayProperties.Bucket bucket) {

        Mono<Verdict> check(String key) {
            return this.limiter.isAllowed(this.name, key)
                .map((response) -> new Verdict(response.isAllowed(), this.bucket.retryAfterSeconds()));
        }
    }

    /**
     * The three bucket kinds, and who the caller is.
     *
     * @param browser the browser's bucket, shared with the socket handshake
     * @param app the app's bucket, per app token
     * @param appAddress the app's backstop, per client address block
     * @param addresses who the caller is
     */
    record Limits(BrowserRateLimit browser, Limit app, Limit appAddress, ClientIpResolver addresses) {

        /**
         * Spends what {@code exchange} costs: a call of the app (a route of {@link #APP_ROUTES}) its address
         * block's backstop and then, if it has a bearer token, the token's own bucket; any other call its
         * browser bucket.
         */
        Mono<Verdict> check(ServerWebExchange exchange) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            String address = String.valueOf(this.addresses.resolve(exchange.getRequest()));
            if (route == null || !APP_ROUTES.contains(route.getId())) {
                return this.browser.check(address);
            }
            String token = bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            Mono<Verdict> byAddress = this.appAddress.check(key("app-address", AddressBlock.of(address)));
            return (token != null)
                    ? byAddress.flatMap((first) -> first.allowed() ? this.app.check(key("app", token)) : Mono.just(first))
                    : byAddress;
        }
    }
}
