package io.qrlogin.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The keys session tokens and ID tokens are signed with: session-service and oidc-provider must share
 * them, since one issuer publishes one JWK set. One private EC P-256 key, made for each local system (its
 * tokens die with it, as demo-mode tokens always have). Never printed: {@link #toString()} names the key only.
 *
 * @param jwks the JWK set (RFC 7517) with the private key, as {@code qrlogin.session.signing.jwks} takes it
 * @param keyId the key's {@code kid}, its RFC 7638 thumbprint
 */
public record SigningKeySet(String jwks, String keyId) {

    /** A fresh set of one private EC P-256 key for ES256. */
    public static SigningKeySet generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true)
                .generate();
            return new SigningKeySet(new JWKSet(key).toString(false), key.getKeyID());
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Could not generate an EC P-256 key", ex);
        }
    }

    @Override
    public String toString() {
        return "SigningKeySet[kid=" + this.keyId + "]";
    }
}
