package io.qrlogin.oidc.logout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): signed like the provider's ID tokens
 * (ES256, the session signing key's {@code kid}), typed {@code logout+jwt} so that no other JWT
 * validator takes one for an ID or access token, with {@code sub} and {@code sid} and the logout event,
 * never a {@code nonce}.
 */
public final class LogoutTokens {

    /** The event a logout token carries (§2.4). */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** The media type of logout tokens (§2.4), as the {@code typ} header names it. */
    public static final String TYPE = "logout+jwt";

    /** Long enough for every retry of one delivery, short enough that a captured token is soon useless. */
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final JwtEncoder encoder;

    private final String issuer;

    private final String keyId;

    private final Clock clock;

    /**
     * @param issuer the provider's issuer, as in its ID tokens
     * @param keyId the {@code kid} of the signing key
     */
    public LogoutTokens(JwtEncoder encoder, String issuer, String keyId, Clock clock) {
        this.encoder = encoder;
        this.issuer = issuer;
        this.keyId = keyId;
        this.clock = clock;
    }

    /** A logout token telling {@code clientId} that the session {@code sid} of {@code subject} has ended. */
    public String issue(String clientId, String subject, String sid) {
        Instant now = this.clock.instant();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(this.keyId).type(TYPE).build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(this.issuer)
            .audience(List.of(clientId))
            .issuedAt(now)
            .expiresAt(now.plus(LIFETIME))
            .id(UUID.randomUUID().toString())
            .subject(subject)
            .claim("sid", sid)
            .claim("events", Map.of(EVENT, Map.of()))
            .build();
        return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
