package io.qrlogin.gateway.ratelimit;

import java.util.List;

import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.engine.redis.LuaScript;
import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.route.ClientIpResolver;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** The edge's rate limits ({@code qrlogin.ratelimit.*}); none at all when {@code enabled} is false. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "qrlogin.ratelimit.enabled", havingValue = "true", matchIfMissing = true)
    RateLimitGlobalFilter.Limits rateLimits(GatewayProperties properties, ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            ConfigurationService configurations, ClientIpResolver addresses) {
        // One limiter holding one configuration per bucket kind; the bucket keys carry the kind too. The
        // gateway's script is read here, once: its own resource-backed script would read the jar (and
        // hash the text behind a lock) on an event loop at the first call.
        RedisRateLimiter limiter = new RedisRateLimiter(redis, loaded(script), configurations);
        limiter.setIncludeHeaders(false);
        GatewayProperties.RateLimit buckets = properties.ratelimit();
        return new RateLimitGlobalFilter.Limits(new BrowserRateLimit(limit(limiter, "qrlogin-browser", buckets.browser())),
                limit(limiter, "qrlogin-app", buckets.app()), limit(limiter, "qrlogin-app-address", buckets.appAddress()),
                addresses);
    }

    /** The browser bucket, for the socket handshake too. */
    @Bean
    @ConditionalOnProperty(name = "qrlogin.ratelimit.enabled", havingValue = "true", matchIfMissing = true)
    BrowserRateLimit browserRateLimit(RateLimitGlobalFilter.Limits limits) {
        return limits.browser();
    }

    @Bean
    @ConditionalOnProperty(name = "qrlogin.ratelimit.enabled", havingValue = "true", matchIfMissing = true)
    RateLimitGlobalFilter rateLimitGlobalFilter(RateLimitGlobalFilter.Limits limits, ProblemResponder problems) {
        return new RateLimitGlobalFilter(limits, problems);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RedisScript<List<Long>> loaded(RedisScript<List<Long>> script) {
        return (RedisScript) LuaScript.of(script.getScriptAsString(), List.class);
    }

    private static RateLimitGlobalFilter.Limit limit(RedisRateLimiter limiter, String name, GatewayProperties.Bucket bucket) {
        limiter.getConfig().put(name, new RedisRateLimiter.Config().setReplenishRate(bucket.replenishRate())
            .setBurstCapacity(bucket.burstCapacity()).setRequestedTokens(1));
        return new RateLimitGlobalFilter.Limit(limiter, name, bucket);
    }
}
