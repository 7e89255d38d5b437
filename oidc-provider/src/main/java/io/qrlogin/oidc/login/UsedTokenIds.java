package io.qrlogin.oidc.login;

import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The session tokens already handed over, by {@code jti}, in Redis so every provider instance
 * refuses a second use. Each mark lives as long as its token could still be accepted.
 */
public final class UsedTokenIds {

    private final StringRedisTemplate redis;

    public UsedTokenIds(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Marks {@code jti} used for {@code ttl}; whether this was its first use. */
    public boolean firstUse(String jti, Duration ttl) {
        return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key(jti), "1", ttl));
    }

    static String key(String jti) {
        return "qrlogin:oidc:{" + jti + "}:login";
    }
}
