package io.qrlogin.session.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs every token this service issues the same way: ES256, {@code typ: JWT}, the signing key's {@code kid}. */
public final class Es256Jwt {

    private Es256Jwt() {
    }

    /** The compact serialization of {@code claims} signed by {@code signer} under {@code keyId}. */
    public static String sign(JWSSigner signer, String keyId, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Could not sign a token with key " + keyId, ex);
        }
        return jwt.serialize();
    }
}
