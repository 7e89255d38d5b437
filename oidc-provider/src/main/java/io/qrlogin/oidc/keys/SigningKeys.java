package io.qrlogin.oidc.keys;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import org.jspecify.annotations.Nullable;

/**
 * The EC P-256 keys of session tokens, configured as for session-service: one private key signs
 * (ID and access tokens here, session tokens there), every key verifies and is published, so the
 * provider and session-service serve one JWKS.
 */
public final class SigningKeys {

    private static final String PROPERTY = "qrlogin.session.signing.jwks";

    private final ECKey signingKey;

    private final List<ECKey> keys;

    private SigningKeys(ECKey signingKey, List<ECKey> keys) {
        selfTest(signingKey);
        this.signingKey = signingKey;
        this.keys = List.copyOf(keys);
    }

    /**
     * The keys of {@code jwks}, signing with {@code keyId} (the first key when {@code null}).
     *
     * @throws IllegalArgumentException naming the property, never quoting a key, when they are not usable
     */
    public static SigningKeys of(String jwks, @Nullable String keyId) {
        List<ECKey> keys = parse(jwks);
        String signingKeyId = (keyId != null && !keyId.isBlank()) ? keyId.strip() : keys.get(0).getKeyID();
        ECKey signingKey = keys.stream().filter((key) -> signingKeyId.equals(key.getKeyID())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("qrlogin.session.signing.key-id '" + signingKeyId
                    + "' is not a kid of " + PROPERTY + ", which has " + keys.stream().map(JWK::getKeyID).toList()));
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("qrlogin.session.signing: the signing key '" + signingKeyId
                    + "' has no private part (d) in " + PROPERTY);
        }
        return new SigningKeys(signingKey, keys);
    }

    /** The {@code kid} of the key that signs. */
    public String signingKeyId() {
        return this.signingKey.getKeyID();
    }

    /** Every key, the signing key's private part included: what signs and what the JWKS endpoint publishes. */
    public JWKSet jwkSet() {
        return new JWKSet(new ArrayList<JWK>(this.keys));
    }

    /** The public part of every key, to verify tokens with. */
    public JWKSet publicJwkSet() {
        return jwkSet().toPublicJWKSet();
    }

    /** The public key named {@code kid}, if it is one of these. */
    public Optional<ECKey> verificationKey(@Nullable String kid) {
        return this.keys.stream().filter((key) -> key.getKeyID().equals(kid)).findFirst().map(ECKey::toPublicJWK);
    }

    private static List<ECKey> parse(String jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        }
        catch (ParseException ex) {
            // The parser's message may quote the input, which holds private keys: say only where it failed.
            throw new IllegalArgumentException(PROPERTY + " is not a JWK set (RFC 7517 §5): expected {\"keys\":[…]}; "
                    + "parsing failed at offset " + ex.getErrorOffset());
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " has no keys");
        }
        List<ECKey> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK jwk : set.getKeys()) {
            String kid = jwk.getKeyID();
            if (kid == null || kid.isBlank()) {
                throw new IllegalArgumentException(PROPERTY + ": every key needs a kid (tokens name their key in the kid header)");
            }
            if (!kids.add(kid)) {
                throw new IllegalArgumentException(PROPERTY + ": the kid '" + kid + "' appears twice");
            }
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException(PROPERTY + ": the key '" + kid
                        + "' is not an EC P-256 key (kty EC, crv P-256); tokens are ES256");
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                throw new IllegalArgumentException(PROPERTY + ": the key '" + kid + "' is not for signing (use)");
            }
            if (jwk.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(jwk.getAlgorithm())) {
                throw new IllegalArgumentException(PROPERTY + ": the key '" + kid + "' is not for ES256 (alg)");
            }
            keys.add(ec);
        }
        return keys;
    }

    /** Signs and verifies once, so a private part that does not match its public one fails the start. */
    private static void selfTest(ECKey key) {
        try {
            JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
            byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = new ECDSASigner(key).sign(header, probe);
            if (!new ECDSAVerifier(key.toPublicJWK()).verify(header, probe, signature)) {
                throw new IllegalArgumentException("The private and public parts of the signing key '" + key.getKeyID()
                        + "' do not match");
            }
        }
        catch (JOSEException ex) {
            throw new IllegalArgumentException("The signing key '" + key.getKeyID() + "' cannot sign ES256", ex);
        }
    }

    @Override
    public String toString() {
        return "SigningKeys[signing=" + signingKeyId() + ", keys=" + this.keys.size() + "]";
    }
}
