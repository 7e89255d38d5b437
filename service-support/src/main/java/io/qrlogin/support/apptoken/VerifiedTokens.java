package io.qrlogin.support.apptoken;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a verified app token is remembered ({@link VerifiedTokenCache}), so that its signature is not checked
 * again on every call (a phone sends the same app token for its scan, its confirm and every login of the token's
 * life); bound from {@code qrlogin.verified-tokens}.
 *
 * @param size how many verified tokens are remembered at most; {@code 0} verifies every call
 * @param maxAge how long a token is trusted without a new check, at most (never beyond its {@code exp}): also
 * how long a key withdrawn from the identity provider's JWKS keeps working for tokens already seen
 */
public record VerifiedTokens(@DefaultValue("10000") @Min(0) int size,
        @DefaultValue("2m") @NotNull @DurationMin(seconds = 0) Duration maxAge) {
}
