package io.qrlogin.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.route.ClientIpResolver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rate limits every routed call before it reaches a service: browser calls per client IP address;
 * the app's calls (the scan-service route) per app user and, as a backstop, per client IP address. A
 * refused call is a {@code 429 rate_limited} problem with {@code Retry-After}; the buckets are Spring
 * Cloud Gateway's Redis token buckets, so every gateway instance shares them. When Redis cannot be
 * reached the limiter lets calls through: the services then answer {@code 503} on their own.
 *
 * <p>The app user is read from the bearer token's {@code sub} without verifying it (the scan-service
 * does that): a made-up subject gains a caller nothing, as the address backstop still counts it and
 * the service refuses the token. Bucket keys are hashes: no address or user id is stored in Redis.
 */
final class RateLimitGlobalFilter implements GlobalFilter, Ordered {

    /** The route whose callers are the phone app. */
    static final String APP_ROUTE = "scan-service";

    /** A bearer token longer than this is not looked into (the service refuses it anyway). */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final Limits limits;

    private final ClientIpResolver addresses;

    private final ProblemResponder problems;

    private final JsonMapper json;

    RateLimitGlobalFilter(Limits limits, ClientIpResolver addresses, ProblemResponder problems, JsonMapper json) {
        this.limits = limits;
        this.addresses = addresses;
        this.problems = problems;
        this.json = json;
    }

    @Override
    public int getOrder() {
        // Right after the client-IP filter (highest precedence), before anything does work for the call.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String address = String.valueOf(this.addresses.resolve(exchange.getRequest()));
        Mono<Verdict> verdict;
        if (route != null && APP_ROUTE.equals(route.getId())) {
            String user = subject(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            Mono<Verdict> byAddress = this.limits.appAddress().check(key("app-address", address));
            verdict = (user != null) ? byAddress.flatMap((first) -> first.allowed() ? this.limits.app().check(key("app", user))
                    : Mono.just(first)) : byAddress;
        }
        else {
            verdict = this.limits.browser().check(key("browser", address));
        }
        return verdict.flatMap((result) -> {
            if (result.allowed()) {
                return chain.filter(exchange);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(result.retryAfterSeconds()));
            return this.problems.write(exchange, ProblemCode.RATE_LIMITED,
                    "Too many requests; retry after " + result.retryAfterSeconds() + " s.");
        });
    }

    /** The unverified {@code sub} of a bearer JWT, or {@code null} when there is none to read. */
    @Nullable String subject(@Nullable String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).strip().split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = this.json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode sub = claims.get("sub");
            return (sub != null && sub.isString() && !sub.stringValue().isEmpty()) ? sub.stringValue() : null;
        }
        catch (IllegalArgumentException | JacksonException ex) {
            return null;
        }
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

    /** Whether a call may go on, and if not, when to come back. */
    record Verdict(boolean allowed, long retryAfterSeconds) {
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

    /** The three bucket kinds. */
    record Limits(Limit browser, Limit app, Limit appAddress) {
    }
}
