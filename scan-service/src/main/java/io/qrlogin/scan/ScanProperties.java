package io.qrlogin.scan;

import java.time.Duration;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scan-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults; invalid ones
 * fail the start-up with a message naming the property.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param clients the clients (sites) by client id, shared by every service: here, the name the confirm screen
 * shows; setting any replaces the default {@code web}
 * @param verifiedTokens how long verified app tokens are remembered
 * @param appTokens how the identity provider's keys for app tokens are fetched and cached
 * @param demo demo mode: a stand-in identity provider, no real users
 */
@ConfigurationProperties("qrlogin")
@Validated
public record ScanProperties(@NestedConfigurationProperty @DefaultValue @NotNull @Valid TicketLifetimes ticket,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EventsSettings events,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EdgeSettings edge,
        @DefaultValue Map<String, ClientProperties> clients,
        @DefaultValue @NotNull @Valid VerifiedTokens verifiedTokens,
        @DefaultValue @NotNull @Valid AppTokens appTokens,
        @DefaultValue @NotNull Demo demo) implements TicketEngineSettings {

    public ScanProperties {
        // A map's default cannot be declared; ClientRegistry validates the clients.
        clients = (clients == null || clients.isEmpty()) ? ClientProperties.DEFAULTS : Map.copyOf(clients);
    }

    /**
     * How long a verified bearer token is remembered, so that its signature is not checked again on every call
     * (a phone sends the same app token for its scan, its confirm and every login of the token's life).
     *
     * @param size how many verified tokens are remembered at most; {@code 0} verifies every call
     * @param maxAge how long a token is trusted without a new check, at most (never beyond its {@code exp}): also
     * how long a key withdrawn from the identity provider's JWKS keeps working for tokens already seen
     */
    public record VerifiedTokens(@DefaultValue("10000") @Min(0) int size,
            @DefaultValue("2m") @NotNull @DurationMin(seconds = 0) Duration maxAge) {
    }

    /**
     * The identity provider's key set ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}), cached.
     *
     * @param jwksTtl how long a fetched key set is used before it is fetched again: a key the provider withdrew
     * stops being trusted after this (plus {@code verified-tokens.max-age} for a token already verified)
     * @param jwksRefreshMinInterval an app token whose {@code kid} the cached set lacks fetches it again at most
     * once per this interval; in between, such tokens are refused (a key the provider just added works after
     * at most this long)
     * @param jwksTimeout how long one fetch may take to connect, and to read
     */
    public record AppTokens(@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration jwksTtl,
            @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration jwksRefreshMinInterval,
            @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration jwksTimeout) {

        public AppTokens {
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

    /**
     * Demo mode ({@code qrlogin.demo.enabled}, as in every service): app tokens from session-service's stand-in
     * issuer; only then may the app-token audience be left unset.
     *
     * @param enabled whether demo mode is on
     */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }
}
