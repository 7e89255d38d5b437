package io.qrlogin.oidc.login;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.keys.SigningKeySet;
import io.qrlogin.oidc.login.Handoff.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Checks the session token the login page hands over after the QR login, as session-service issued
 * it ({@code iss sub name aud iat exp jti sid amr auth_time}, ES256 with one of the session keys).
 * Besides signature, issuer and expiry, a token must be for the audience of the client the browser
 * is signing in to, freshly issued, from a QR login, not one of the provider's own ID tokens, and
 * never handed over before: a session token or ID token that leaks later opens no provider session.
 */
public final class SessionTokenVerifier {

    /** How far clocks of session-service and the provider may disagree. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String AMR_QR = "qr";

    private final SigningKeySet keys;

    private final String issuer;

    private final Duration maxAge;

    private final UsedTokenIds usedTokenIds;

    private final Clock clock;

    /**
     * @param issuer the {@code iss} of session tokens
     * @param maxAge how long after its {@code iat} a token may still be handed over
     */
    public SessionTokenVerifier(SigningKeySet keys, String issuer, Duration maxAge, UsedTokenIds usedTokenIds,
            Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.maxAge = maxAge;
        this.usedTokenIds = usedTokenIds;
        this.clock = clock;
    }

    /** The user {@code token} signs in, if it is a session token this login may accept for {@code audience}. */
    public Handoff verify(String token, String audience) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException ex) {
            return new Handoff.Refused(Reason.MALFORMED);
        }
        if (!verified(jwt)) {
            return new Handoff.Refused(Reason.SIGNATURE);
        }
        if (!this.issuer.equals(claims.getIssuer())) {
            return new Handoff.Refused(Reason.ISSUER);
        }
        Instant now = this.clock.instant();
        Date expiresAt = claims.getExpirationTime();
        if (expiresAt == null || !now.isBefore(expiresAt.toInstant().plus(CLOCK_SKEW))) {
            return new Handoff.Refused(Reason.EXPIRED);
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt == null || issuedAt.toInstant().isBefore(now.minus(this.maxAge))
                || issuedAt.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return new Handoff.Refused(Reason.STALE);
        }
        // The provider's ID tokens share issuer, keys and nearly every claim; only they name an azp.
        if (claims.getClaim("azp") != null) {
            return new Handoff.Refused(Reason.ID_TOKEN);
        }
        if (!List.of(audience).equals(claims.getAudience())) {
            return new Handoff.Refused(Reason.AUDIENCE);
        }
        if (!stringList(claims, "amr").contains(AMR_QR)) {
            return new Handoff.Refused(Reason.METHOD);
        }
        String subject = claims.getSubject();
        String name = string(claims, "name");
        String sessionId = string(claims, "sid");
        String tokenId = claims.getJWTID();
        Instant authTime = epochSeconds(claims, "auth_time");
        if (blank(subject) || blank(name) || blank(sessionId) || blank(tokenId) || authTime == null) {
            return new Handoff.Refused(Reason.CLAIMS);
        }
        if (!this.usedTokenIds.firstUse(tokenId, Duration.between(now, expiresAt.toInstant().plus(CLOCK_SKEW)))) {
            return new Handoff.Refused(Reason.REPLAYED);
        }
        return new Handoff.Accepted(new QrAuthentication(subject, name, sessionId, authTime));
    }

    private boolean verified(SignedJWT jwt) {
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        Optional<ECKey> key = this.keys.verificationKey(jwt.getHeader().getKeyID());
        if (key.isEmpty()) {
            return false;
        }
        try {
            return jwt.verify(new ECDSAVerifier(key.get()));
        }
        catch (JOSEException ex) {
            return false;
        }
    }

    private static List<String> stringList(JWTClaimsSet claims, String name) {
        try {
            List<String> values = claims.getStringListClaim(name);
            return (values != null) ? values : List.of();
        }
        catch (ParseException ex) {
            return List.of();
        }
    }

    private static @Nullable String string(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        }
        catch (ParseException ex) {
            return null;
        }
    }

    private static @Nullable Instant epochSeconds(JWTClaimsSet claims, String name) {
        return (claims.getClaim(name) instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue()) : null;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
