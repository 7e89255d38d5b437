package io.qrlogin.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.token.Issuers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OpenID Provider's settings, bound from {@code qrlogin.*}: the issuer and keys it shares with
 * session-service, the clients every service shares, and its own token lifetimes. Invalid values fail
 * the start-up naming the property (never quoting a key).
 *
 * @param session the issuer and signing keys of session tokens, which the provider's tokens share
 * @param oidc the provider's own settings
 * @param clients the clients (sites) by client id, shared by every service: here, those with a
 * {@code type} are the provider's OAuth clients
 * @param ticket ticket lifetimes, shared by every service: a device grant's device code lives as long as
 * its ticket waits for the phone ({@code pending})
 * @param events the event stream, shared by every service: the device grant announces its tickets there
 * @param edge how the provider trusts the edge, shared by every service
 */
@ConfigurationProperties("qrlogin")
@Validated
public record OidcProperties(@Valid @DefaultValue Session session, @Valid @DefaultValue Oidc oidc,
        @Nullable Map<String, ClientProperties> clients, @DefaultValue TicketLifetimes ticket,
        @Valid @DefaultValue Events events, @Valid @DefaultValue Edge edge) {

    public OidcProperties {
        clients = (clients != null && !clients.isEmpty()) ? Map.copyOf(clients) : ClientProperties.DEFAULTS;
    }

    /**
     * What the provider shares with session-service.
     *
     * @param issuer the public edge's URL (the gateway): the {@code iss} of session tokens and of every
     * token the provider issues, and the base of its endpoints in the discovery document
     * @param signing the keys that sign session tokens, which sign ID and access tokens too (one JWKS)
     */
    public record Session(@DefaultValue("http://localhost:8080") @NotNull URI issuer,
            @Valid @DefaultValue Signing signing) {

        public Session {
            issuer = (issuer != null) ? Issuers.normalize(issuer) : null;
        }

    }

    /**
     * The keys of session tokens, configured exactly as for session-service (the same Secret).
     *
     * @param jwks a JWK set (RFC 7517) of EC P-256 keys with distinct {@code kid}s; the signing key must be
     * private. Meant to come from a Secret, as the environment variable {@code QRLOGIN_SESSION_SIGNING_JWKS}
     * @param keyId the {@code kid} of the key that signs; the first key of the set if unset
     */
    public record Signing(@NotBlank(message = "must be the JWK set session-service signs with, e.g. from the "
            + "environment variable QRLOGIN_SESSION_SIGNING_JWKS") @Nullable String jwks, @Nullable String keyId) {

        // Never print the private keys, wherever this record ends up (logs, actuator, failure analysis).
        @Override
        public String toString() {
            return "Signing[jwks=" + ((this.jwks != null) ? "<hidden>" : null) + ", keyId=" + this.keyId + "]";
        }
    }

    /**
     * The provider's own settings.
     *
     * @param loginTokenMaxAge how old a session token may be when the login page hands it over: a token
     * issued earlier is refused, so a leaked one cannot open a provider session later
     * @param accessTokenLifetime how long an access token is valid
     * @param refreshTokenLifetime how long a refresh token is valid; every use replaces it with a new one
     * @param sessionServiceUri where session-service is, for the device grant: a device's confirmed ticket
     * is redeemed there, which opens the user's session as a browser's redeem does
     * @param devicePollInterval how long a device waits between two polls of the token endpoint (RFC 8628
     * {@code interval}); a device that polls sooner gets {@code slow_down} and five seconds more
     * @param backChannelLogout how logout tokens are delivered to clients when a session ends
     */
    public record Oidc(@DefaultValue("2m") @NotNull Duration loginTokenMaxAge,
            @DefaultValue("5m") @NotNull Duration accessTokenLifetime,
            @DefaultValue("8h") @NotNull Duration refreshTokenLifetime,
            @DefaultValue("http://localhost:8083") @NotNull URI sessionServiceUri,
            @DefaultValue("5s") @NotNull Duration devicePollInterval,
            @Valid @DefaultValue BackChannelLogout backChannelLogout) {

        public Oidc {
            positive(loginTokenMaxAge, "qrlogin.oidc.login-token-max-age");
            positive(accessTokenLifetime, "qrlogin.oidc.access-token-lifetime");
            positive(refreshTokenLifetime, "qrlogin.oidc.refresh-token-lifetime");
            positive(devicePollInterval, "qrlogin.oidc.device-poll-interval");
        }

        private static void positive(@Nullable Duration value, String name) {
            if (value != null && value.toSeconds() < 1) {
                throw new IllegalArgumentException(name + " must be at least one second, was " + value);
            }
        }
    }

    /**
     * How logout tokens (OpenID Connect Back-Channel Logout 1.0) reach the clients' {@code backchannel-logout-uri}.
     *
     * @param attempts how many times a token is posted at most; a 2xx answer or a refusal (4xx but 429) ends it
     * @param firstRetryAfter how long before the second attempt; each further one waits twice as long
     * @param timeout how long connecting, and then waiting for the answer, may take per attempt
     */
    public record BackChannelLogout(@DefaultValue("4") @Min(1) @Max(10) int attempts,
            @DefaultValue("1s") @NotNull Duration firstRetryAfter, @DefaultValue("5s") @NotNull Duration timeout) {
    }

    /**
     * The event stream.
     *
     * @param topic the Kafka topic every ticket change is published to
     * @param sessionsTopic the Kafka topic session-service announces sessions that start and end on
     * @param sessionsGroup the consumer group of the provider's instances on {@link #sessionsTopic}: one of
     * them acts on each event
     */
    public record Events(@DefaultValue(TicketEvent.DEFAULT_TOPIC) @NotBlank String topic,
            @DefaultValue("qrlogin.sessions") @NotBlank String sessionsTopic,
            @DefaultValue("oidc-provider") @NotBlank String sessionsGroup) {
    }

    /**
     * How the provider trusts the edge.
     *
     * @param clientIpHeader the header in which the edge passes the client's IP; the edge strips any such
     * header a client sent
     */
    public record Edge(@DefaultValue("X-QrLogin-Client-Ip") @NotBlank String clientIpHeader) {
    }
}
