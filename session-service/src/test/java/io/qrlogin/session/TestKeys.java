package io.qrlogin.session;

import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Test fixtures: a deployment's properties and hand-made tokens (the keys and JWK sets: {@code TestJwks}). */
public final class TestKeys {

    private TestKeys() {
    }

    /** The properties of a deployment with {@code jwks}, signing with {@code keyId}, demo mode off. */
    public static SessionProperties properties(String jwks, @Nullable String keyId) {
        Map<String, String> values = new HashMap<>(Map.of("qrlogin.session.signing.jwks", jwks));
        if (keyId != null) {
            values.put("qrlogin.session.signing.key-id", keyId);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", SessionProperties.class);
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
