package io.qrlogin.scan.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long a verified bearer token is remembered, so that its signature is not checked again on every
 * call (a phone sends the same app token for its scan, its confirm and every login of the token's life).
 *
 * @param size how many verified tokens are remembered at most; {@code 0} verifies every call
 * @param maxAge how long a token is trusted without a new check, at most (never beyond its {@code exp}):
 * also how long a key withdrawn from the identity provider's JWKS keeps working for tokens already seen
 */
public record VerifiedTokensSettings(@Nullable Integer size, @Nullable Duration maxAge) {

    public static final int DEFAULT_SIZE = 10_000;

    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(2);

    public VerifiedTokensSettings {
        size = (size != null) ? size : DEFAULT_SIZE;
        maxAge = (maxAge != null) ? maxAge : DEFAULT_MAX_AGE;
        if (size < 0) {
            throw new IllegalArgumentException("qrlogin.verified-tokens.size must not be negative");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("qrlogin.verified-tokens.max-age must not be negative");
        }
    }

    /** The defaults. */
    public static VerifiedTokensSettings defaults() {
        return new VerifiedTokensSettings(null, null);
    }
}
