package io.qrlogin.session;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where sessions and revocations live ({@code qrlogin.session.redis.*}).
 *
 * @param url a Redis of their own ({@code redis://user:password@host:port/db}, {@code rediss://} for TLS,
 * {@code redis-sentinel://}); unset, they live in the tickets' Redis ({@code spring.data.redis.*})
 */
@ConfigurationProperties("qrlogin.session.redis")
public record SessionRedisProperties(@Nullable String url) {

    public SessionRedisProperties {
        url = (url == null || url.isBlank()) ? null : url.trim();
    }

    // The URL may carry a password: never print it.
    @Override
    public String toString() {
        return "SessionRedisProperties[url=" + ((this.url != null) ? "(set)" : "(the tickets' Redis)") + "]";
    }
}
