package io.qrlogin.session.linked;

import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.session.token.Es256Jwt;
import io.qrlogin.session.token.SigningKeys;

/**
 * App tokens for web slices: signed by a key generated here, published as the demo issuer's keys (which the
 * linked-sessions API trusts in demo mode without an identity provider), for the demo issuer and audience.
 */
final class TestAppTokens {

    static final String ISSUER = "https://login.example.com";

    private static final ECKey KEY = SigningKeys.generate();

    private TestAppTokens() {
    }

    static JWKSet keys() {
        return new JWKSet(KEY.toPublicJWK());
    }

    static String forUser(AppUser user) {
        return sign(user, ISSUER + "/demo", "qrlogin-app");
    }

    static String sign(AppUser user, String issuer, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
            .subject(user.subject())
            .claim("name", user.name())
            .audience(audience)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(user.subject() + "-" + now.toEpochMilli())
            .build();
        try {
            return Es256Jwt.sign(new ECDSASigner(KEY), KEY.getKeyID(), claims);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
