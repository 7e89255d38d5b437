package io.qrlogin.testing;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Test fixtures: fresh EC keys and JWK sets as an operator configures them for session-service and the provider,
 * and tokens signed with such a key by hand.
 */
public final class TestJwks {

    private TestJwks() {
    }

    /** A fresh private EC P-256 key named {@code kid}. */
    public static ECKey ec(String kid) {
        return ec(Curve.P_256, kid);
    }

    /** A fresh private EC key on {@code curve} named {@code kid}. */
    public static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The JWK set document of {@code keys}, private parts included: what the Secret holds. */
    public static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }

    /** Signs {@code claims} with {@code key}, ES256, {@code typ} as given ({@code null} for none). */
    public static String sign(ECKey key, JWTClaimsSet claims, @Nullable JOSEObjectType type) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
            if (type != null) {
                header.type(type);
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
