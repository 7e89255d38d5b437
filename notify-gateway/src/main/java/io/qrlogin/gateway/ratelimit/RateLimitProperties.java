package io.qrlogin.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits at the edge, bound from {@code qrlogin.ratelimit.*} ({@code QRLOGIN_RATELIMIT_ENABLED=false}
 * turns them all off, for benchmarks). Token buckets in Redis, shared by every gateway instance.
 *
 * <p>The defaults are sized for a large office behind one NAT address: a login costs a browser two
 * calls (mint and redeem) and an open login page one mint every two minutes, so 10 calls a second
 * with bursts of 100 serve hundreds of people signing in at once from one address.
 *
 * @param enabled whether any limit applies
 * @param browser the bucket per client IP address for every browser call (everything but the app's)
 * @param app the bucket per app user (the bearer token's subject) for the app's calls
 * @param appAddress a backstop bucket per client IP address for the app's calls, so rotating made-up
 * users from one address gains nothing
 * @param socketsPerAddress the most browser sockets one client IP address may hold on one gateway instance
 */
@ConfigurationProperties("qrlogin.ratelimit")
public record RateLimitProperties(@Nullable Boolean enabled, @Nullable Bucket browser, @Nullable Bucket app,
        @Nullable Bucket appAddress, @Nullable Integer socketsPerAddress) {

    public RateLimitProperties {
        enabled = (enabled != null) ? enabled : true;
        browser = (browser != null) ? browser : new Bucket(10, 100);
        app = (app != null) ? app : new Bucket(5, 30);
        appAddress = (appAddress != null) ? appAddress : new Bucket(50, 300);
        socketsPerAddress = (socketsPerAddress != null) ? socketsPerAddress : 500;
        if (socketsPerAddress < 1) {
            throw new IllegalArgumentException("qrlogin.ratelimit.sockets-per-address must be positive, was "
                    + socketsPerAddress);
        }
    }

    /** The defaults: on. */
    public static RateLimitProperties defaults() {
        return new RateLimitProperties(null, null, null, null, null);
    }

    /** Off: no bucket and no socket cap. */
    public static RateLimitProperties off() {
        return new RateLimitProperties(false, null, null, null, null);
    }

    /**
     * A token bucket.
     *
     * @param replenishRate calls per second, sustained
     * @param burstCapacity calls at once after a quiet spell
     */
    public record Bucket(int replenishRate, int burstCapacity) {

        public Bucket {
            if (replenishRate < 1 || burstCapacity < replenishRate) {
                throw new IllegalArgumentException("qrlogin.ratelimit buckets need replenish-rate >= 1 and "
                        + "burst-capacity >= replenish-rate, were " + replenishRate + " and " + burstCapacity);
            }
        }

        /** Seconds until a refused caller has a token again: what {@code Retry-After} says. */
        long retryAfterSeconds() {
            return Math.max(1, (long) Math.ceil(1.0 / this.replenishRate));
        }
    }
}
