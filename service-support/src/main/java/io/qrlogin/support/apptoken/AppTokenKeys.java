package io.qrlogin.support.apptoken;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider's key set for app tokens ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}),
 * cached; bound from {@code qrlogin.app-tokens} by every service that takes app tokens.
 *
 * @param jwksTtl how long a fetched key set is used before it is fetched again: a key the provider withdrew
 * stops being trusted after this (plus {@code verified-tokens.max-age} for a token already verified)
 * @param jwksRefreshMinInterval an app token whose {@code kid} the cached set lacks fetches it again at most
 * once per this interval; in between, such tokens are refused (a key the provider just added works after
 * at most this long)
 * @param jwksTimeout how long one fetch may take to connect, and to read
 */
public record AppTokenKeys(@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration jwksTtl,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration jwksRefreshMinInterval,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration jwksTimeout) {

    public AppTokenKeys {
        // Only between values that are valid on their own: those are reported, naming the property.
        if (positive(jwksTtl) && positive(jwksRefreshMinInterval) && jwksRefreshMinInterval.compareTo(jwksTtl) >= 0) {
            throw new IllegalArgumentException("qrlogin.app-tokens.jwks-refresh-min-interval must be shorter "
                    + "than qrlogin.app-tokens.jwks-ttl");
        }
    }

    private static boolean positive(@Nullable Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
