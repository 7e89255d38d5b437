package io.qrlogin.session.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.qrlogin.session.token.Es256Jwt;
import io.qrlogin.session.token.RandomIds;
import io.qrlogin.session.token.SessionClaims;

/**
 * Signs app-user tokens for demo mode, standing in for the app's identity provider. Its key is
 * generated at start and is never the session key, and its tokens are for the app's audience, so
 * a demo app token is no session token and a session token is no app token.
 */
final class DemoAppTokens {

    /** The audience scan-service expects of app tokens in demo mode. */
    static final String AUDIENCE = "qrlogin-app";

    /** Appended to the session issuer to name the demo identity provider. */
    static final String ISSUER_SUFFIX = "/demo";

    private final ECKey key;

    private final JWSSigner signer;

    private final String issuer;

    private final Duration lifetime;

    private final RandomIds ids;

    private final Clock clock;

    DemoAppTokens(ECKey key, String sessionIssuer, Duration lifetime, RandomIds ids, SecureRandom random, Clock clock) {
        try {
            ECDSASigner ecdsa = new ECDSASigner(key);
            ecdsa.getJCAContext().setSecureRandom(random);
            this.signer = ecdsa;
        }
        catch (JOSEException ex) {
            throw new IllegalArgumentException("Not a usable EC signing key", ex);
        }
        this.key = key;
        this.issuer = sessionIssuer + ISSUER_SUFFIX;
        this.lifetime = lifetime;
        this.ids = ids;
        this.clock = clock;
    }

    /** The {@code kid} of the demo key. */
    String keyId() {
        return this.key.getKeyID();
    }

    /** The JWK set that verifies demo app tokens. */
    String publicJwkSet() {
        return new JWKSet(this.key.toPublicJWK()).toString(true);
    }

    /** An app token for {@code username}, already checked to be a valid user name. */
    String issue(String username) {
        Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
            .subject(username)
            .claim(SessionClaims.NAME, displayName(username))
            .audience(AUDIENCE)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(this.lifetime)))
            .jwtID(this.ids.next())
            .build();
        return Es256Jwt.sign(this.signer, this.key.getKeyID(), claims);
    }

    /** A display name from a user name: {@code alice} → {@code Alice}, {@code jean-luc.picard} → {@code Jean Luc Picard}. */
    static String displayName(String username) {
        StringBuilder name = new StringBuilder();
        for (String part : username.split("[._-]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return (name.length() > 0) ? name.toString() : username;
    }
}
