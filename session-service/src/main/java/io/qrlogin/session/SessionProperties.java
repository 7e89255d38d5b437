package io.qrlogin.session;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.token.Issuers;
import io.qrlogin.support.apptoken.AppTokenKeys;
import io.qrlogin.support.apptoken.VerifiedTokens;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The session-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults;
 * invalid ones fail the start-up with a message naming the property (never quoting a key). The signing
 * keys themselves are read and checked by {@code SigningKeys}.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param session the session tokens this service issues
 * @param demo demo mode: an app-token issuer so the flow can be tried without an identity provider
 * @param clients the clients (sites) by client id, shared by every service: here, the {@code aud} of their
 * session tokens and how long their sessions last; setting any replaces the default {@code web}
 * @param appTokens how the identity provider's keys for app tokens (the linked-sessions API) are fetched and cached
 * @param verifiedTokens how long verified app tokens are remembered
 */
@ConfigurationProperties("qrlogin")
@Validated
public record SessionProperties(@NestedConfigurationProperty @DefaultValue @NotNull @Valid TicketLifetimes ticket,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EventsSettings events,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EdgeSettings edge,
        @DefaultValue @NotNull @Valid Session session, @DefaultValue @NotNull @Valid Demo demo,
        @DefaultValue Map<String, ClientProperties> clients,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid AppTokenKeys appTokens,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid VerifiedTokens verifiedTokens)
        implements TicketEngineSettings {

    public SessionProperties {
        // A map's default cannot be declared; ClientRegistry validates the clients.
        clients = (clients == null || clients.isEmpty()) ? ClientProperties.DEFAULTS : Map.copyOf(clients);
        if (demo != null && !demo.enabled() && session != null && session.signing() != null
                && session.signing().jwks() == null) {
            throw new IllegalArgumentException("qrlogin.session.signing.jwks is required: a JWK set with the private "
                    + "EC P-256 key(s) that sign session tokens, e.g. from a Kubernetes Secret in the environment "
                    + "variable QRLOGIN_SESSION_SIGNING_JWKS. Only demo mode (qrlogin.demo.enabled=true) may run "
                    + "without it, on a key generated at start.");
        }
    }

    /**
     * The session tokens.
     *
     * @param issuer the {@code iss} of every token and the base of the discovery document: the public edge's
     * URL, as app backends reach it
     * @param tokenLifetime how long a session token is valid after it is issued (never past its session's
     * {@code session-max-lifetime}); short, since the session outlives it and is refreshed through the OpenID
     * Provider, and a stolen token is worth only this long
     * @param signing the keys that sign session tokens
     * @param expirySweepInterval how often each instance ends the sessions whose idle timeout or max lifetime
     * passed, and announces their end
     * @param eventsTopic the Kafka topic sessions' starts and ends are published to
     */
    public record Session(@DefaultValue("http://localhost:8080") @NotNull URI issuer,
            @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration tokenLifetime,
            @DefaultValue @NotNull @Valid Signing signing,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration expirySweepInterval,
            @DefaultValue("qrlogin.sessions") @NotBlank String eventsTopic) {

        public Session {
            issuer = (issuer != null) ? Issuers.normalize(issuer) : null;
        }

    }

    /**
     * The keys that sign session tokens. Every key of the set is published at
     * {@code /.well-known/jwks.json}; {@code key-id} chooses the one that signs. To rotate: add the new key,
     * switch {@code key-id} to it once every instance has the new set, and remove the old key after the
     * last token it signed has expired.
     *
     * @param jwks a JWK set (RFC 7517) of EC P-256 keys with distinct {@code kid}s; the signing key must be
     * private, the others may be public only. Meant to come from a Secret, as the environment variable
     * {@code QRLOGIN_SESSION_SIGNING_JWKS}
     * @param keyId the {@code kid} of the key that signs; the first key of the set if unset
     */
    public record Signing(@Nullable String jwks, @Nullable String keyId) {

        public Signing {
            // An empty variable from a Secret without the key means "not set", not "an empty key set".
            jwks = (jwks == null || jwks.isBlank()) ? null : jwks;
            keyId = (keyId == null || keyId.isBlank()) ? null : keyId.strip();
        }

        // Never print the private keys, wherever this record ends up (logs, actuator, failure analysis):
        // how many there are is all an operator needs to see.
        @Override
        public String toString() {
            return "Signing[jwks=" + describe(this.jwks) + ", keyId=" + this.keyId + "]";
        }

        private static String describe(@Nullable String jwks) {
            if (jwks == null) {
                return "null";
            }
            try {
                return "<" + JWKSet.parse(jwks).getKeys().size() + " keys>";
            }
            catch (ParseException ex) {
                // SigningKeys refuses it at start with a message of its own; never echo the text.
                return "<unreadable>";
            }
        }
    }

    /**
     * Demo mode, for trying the flow without an identity provider. Never on in production: it hands
     * out app tokens to anyone who asks.
     *
     * @param enabled whether {@code /api/demo/**} serves app tokens (and, without configured keys, session
     * tokens are signed with a key generated at start)
     * @param appTokenLifetime how long a demo app token is valid
     */
    public record Demo(@DefaultValue("false") boolean enabled,
            @DefaultValue("12h") @NotNull @DurationMin(seconds = 1) Duration appTokenLifetime) {
    }
}
