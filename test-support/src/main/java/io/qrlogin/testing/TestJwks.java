package io.qrlogin.testing;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/** Test fixtures: fresh EC keys and JWK sets as an operator configures them for session-service and the provider. */
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
}
