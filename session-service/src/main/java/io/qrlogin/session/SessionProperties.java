package io.qrlogin.session;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The session-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults;
 * invalid ones fail the start-up with a message naming the property (never quoting a key).
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param session the session tokens this service issues
 * @param demo demo mode: an app-token issuer so the flow can be tried without an identity provider
 * @param clients the clients (sites) by client id, shared by every service: here, the {@code aud} of their
 * session tokens; setting any replaces the default {@code web}
 */
@ConfigurationProperties("qrlogin")
public record SessionProperties(@NestedConfigurationProperty @Nullable TicketLifetimes ticket,
        @NestedConfigurationProperty @Nullable EventsSettings events,
        @NestedConfigurationProperty @Nullable EdgeSettings edge, @Nullable Session session, @Nullable Demo demo,
        @Nullable Map<String, ClientProperties> clients) implements TicketEngineSettings {

    public SessionProperties {
        ticket = (ticket != null) ? ticket : TicketLifetimes.defaults();
        events = (events != null) ? events : EventsSettings.defaults();
        edge = (edge != null) ? edge : EdgeSettings.defaults();
        session = (session != null) ? session : new Session(null, null, null);
        demo = (demo != null) ? demo : new Demo(null, null);
        clients = (clients != null && !clients.isEmpty()) ? Map.copyOf(clients) : ClientProperties.DEFAULTS;
        if (!demo.enabled() && session.signing().jwks() == null) {
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
     * @param tokenLifetime how long a session token is valid after it is issued
     * @param signing the keys that sign session tokens
     */
    public record Session(@Nullable URI issuer, @Nullable Duration tokenLifetime, @Nullable Signing signing) {

        public static final URI DEFAULT_ISSUER = URI.create("http://localhost:8080");

        public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

        public Session {
            issuer = issuer((issuer != null) ? issuer : DEFAULT_ISSUER);
            tokenLifetime = positive((tokenLifetime != null) ? tokenLifetime : DEFAULT_TOKEN_LIFETIME,
                    "qrlogin.session.token-lifetime");
            signing = (signing != null) ? signing : new Signing(null, null);
        }

        /** The issuer as it appears in {@code iss}: no trailing slash, so {@code issuer + "/.well-known/…"} is a clean URL. */
        private static URI issuer(URI issuer) {
            String scheme = issuer.getScheme();
            if (!("https".equals(scheme) || "http".equals(scheme)) || issuer.getHost() == null
                    || issuer.getRawQuery() != null || issuer.getRawFragment() != null || issuer.getRawUserInfo() != null) {
                // OpenID Connect Discovery 1.0 §3: an https URL (http for local use) without query or fragment.
                throw new IllegalArgumentException(
                        "qrlogin.session.issuer must be an http(s) URL without query or fragment, was " + issuer);
            }
            String text = issuer.toString();
            return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : issuer;
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
            jwks = (jwks == null || jwks.isBlank()) ? null : jwks;
            keyId = (keyId == null || keyId.isBlank()) ? null : keyId.strip();
            if (jwks == null) {
                if (keyId != null) {
                    throw new IllegalArgumentException("qrlogin.session.signing.key-id is set but qrlogin.session.signing.jwks is not");
                }
            }
            else {
                List<ECKey> keys = parse(jwks);
                keyId = (keyId != null) ? keyId : keys.get(0).getKeyID();
                ECKey signingKey = find(keys, keyId);
                if (!signingKey.isPrivate()) {
                    throw new IllegalArgumentException("qrlogin.session.signing: the signing key '" + keyId
                            + "' has no private part (d) in qrlogin.session.signing.jwks");
                }
            }
        }

        /** The keys of {@link #jwks()}, validated; empty when none is configured. */
        public List<ECKey> keys() {
            return (this.jwks != null) ? parse(this.jwks) : List.of();
        }

        /** The private key that signs; only when {@link #jwks()} is configured. */
        public ECKey signingKey() {
            if (this.jwks == null || this.keyId == null) {
                throw new IllegalStateException("No signing key is configured");
            }
            return find(keys(), this.keyId);
        }

        // Never print the private keys, wherever this record ends up (logs, actuator, failure analysis).
        @Override
        public String toString() {
            return "Signing[jwks=" + ((this.jwks != null) ? "<" + keys().size() + " keys>" : "null") + ", keyId="
                    + this.keyId + "]";
        }

        private static ECKey find(List<ECKey> keys, String keyId) {
            return keys.stream().filter((key) -> keyId.equals(key.getKeyID())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("qrlogin.session.signing.key-id '" + keyId
                        + "' is not a kid of qrlogin.session.signing.jwks, which has " + keyIds(keys)));
        }

        private static List<ECKey> parse(String jwks) {
            JWKSet set;
            try {
                set = JWKSet.parse(jwks);
            }
            catch (ParseException ex) {
                // The parser's message may quote the input, which holds private keys: say only where it failed.
                throw new IllegalArgumentException("qrlogin.session.signing.jwks is not a JWK set (RFC 7517 §5): "
                        + "expected {\"keys\":[…]}; parsing failed at offset " + ex.getErrorOffset());
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("qrlogin.session.signing.jwks has no keys");
            }
            List<ECKey> keys = new ArrayList<>();
            Set<String> kids = new HashSet<>();
            for (JWK jwk : set.getKeys()) {
                String kid = jwk.getKeyID();
                if (kid == null || kid.isBlank()) {
                    throw new IllegalArgumentException("qrlogin.session.signing.jwks: every key needs a kid (tokens name their key in the kid header)");
                }
                if (!kids.add(kid)) {
                    throw new IllegalArgumentException("qrlogin.session.signing.jwks: the kid '" + kid + "' appears twice");
                }
                if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                    throw new IllegalArgumentException("qrlogin.session.signing.jwks: the key '" + kid
                            + "' is not an EC P-256 key (kty EC, crv P-256); session tokens are ES256");
                }
                if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                    throw new IllegalArgumentException("qrlogin.session.signing.jwks: the key '" + kid + "' is not for signing (use)");
                }
                if (jwk.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(jwk.getAlgorithm())) {
                    throw new IllegalArgumentException("qrlogin.session.signing.jwks: the key '" + kid + "' is not for ES256 (alg)");
                }
                keys.add(ec);
            }
            return List.copyOf(keys);
        }

        private static List<String> keyIds(List<ECKey> keys) {
            return keys.stream().map(JWK::getKeyID).toList();
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
    public record Demo(@Nullable Boolean enabled, @Nullable Duration appTokenLifetime) {

        public static final Duration DEFAULT_APP_TOKEN_LIFETIME = Duration.ofHours(12);

        public Demo {
            enabled = (enabled != null) ? enabled : Boolean.FALSE;
            appTokenLifetime = positive((appTokenLifetime != null) ? appTokenLifetime : DEFAULT_APP_TOKEN_LIFETIME,
                    "qrlogin.demo.app-token-lifetime");
        }
    }

    private static Duration positive(Duration value, String name) {
        if (value.toSeconds() < 1) {
            throw new IllegalArgumentException(name + " must be at least one second, was " + value);
        }
        return value;
    }
}
