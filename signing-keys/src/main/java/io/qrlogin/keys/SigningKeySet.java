package io.qrlogin.keys;

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
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.jspecify.annotations.Nullable;

/**
 * The EC P-256 keys that session tokens and ID tokens are signed with ({@code qrlogin.session.signing.*}):
 * one private key signs, every key verifies and is published, so tokens signed before a rotation stay
 * verifiable until they expire. session-service and the OpenID Provider read the same set, so the
 * product has one JWKS; both read it here, so both accept and refuse the same sets with the same words.
 * A refusal names the property and the key's {@code kid}, never key material.
 */
public final class SigningKeySet {

    /** The property that holds the JWK set. */
    public static final String JWKS_PROPERTY = "qrlogin.session.signing.jwks";

    /** The property that names the signing key. */
    public static final String KEY_ID_PROPERTY = "qrlogin.session.signing.key-id";

    private final ECKey signingKey;

    private final List<ECKey> keys;

    private SigningKeySet(ECKey signingKey, List<ECKey> keys) {
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("qrlogin.session.signing: the signing key '" + signingKey.getKeyID()
                    + "' has no private part (d) in " + JWKS_PROPERTY);
        }
        selfTest(signingKey);
        this.signingKey = signingKey;
        this.keys = List.copyOf(keys);
    }

    /**
     * The keys of {@code jwks}, signing with {@code keyId}.
     *
     * @param jwks a JWK set (RFC 7517 §5) of EC P-256 signing keys with distinct {@code kid}s
     * @param keyId the {@code kid} of the key that signs, which must be private; the first key of the set
     * when {@code null} or blank
     * @throws IllegalArgumentException naming the property, never quoting a key, when they are not usable
     */
    public static SigningKeySet of(String jwks, @Nullable String keyId) {
        List<ECKey> keys = parse(jwks);
        String signingKeyId = (keyId != null && !keyId.isBlank()) ? keyId.strip() : keys.get(0).getKeyID();
        ECKey signingKey = keys.stream().filter((key) -> signingKeyId.equals(key.getKeyID())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(KEY_ID_PROPERTY + " '" + signingKeyId + "' is not a kid of "
                    + JWKS_PROPERTY + ", which has " + keys.stream().map(JWK::getKeyID).toList()));
        return new SigningKeySet(signingKey, keys);
    }

    /**
     * A set of one key, which signs.
     *
     * @throws IllegalArgumentException when the key has no private part or cannot sign ES256
     */
    public static SigningKeySet of(ECKey signingKey) {
        return new SigningKeySet(signingKey, List.of(signingKey));
    }

    /** A fresh private EC P-256 signing key whose {@code kid} is its RFC 7638 thumbprint. */
    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true)
                .generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Could not generate an EC P-256 key", ex);
        }
    }

    /** The private key that signs. */
    public ECKey signingKey() {
        return this.signingKey;
    }

    /** The {@code kid} of the key that signs. */
    public String signingKeyId() {
        return this.signingKey.getKeyID();
    }

    /** Every key as configured, the private parts of those that have one included. */
    public List<ECKey> keys() {
        return this.keys;
    }

    /** Every key, private parts included: what a signer selects its key from. */
    public JWKSet jwkSet() {
        return new JWKSet(new ArrayList<JWK>(this.keys));
    }

    /** The public part of every key: what verifies tokens and what the JWKS endpoint publishes. */
    public List<JWK> publicKeys() {
        return this.keys.stream().<JWK>map(ECKey::toPublicJWK).toList();
    }

    /** {@link #publicKeys()} as a JWK set. */
    public JWKSet publicJwkSet() {
        return new JWKSet(publicKeys());
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
            throw new IllegalArgumentException(JWKS_PROPERTY + " is not a JWK set (RFC 7517 §5): expected {\"keys\":[…]}; "
                    + "parsing failed at offset " + ex.getErrorOffset());
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException(JWKS_PROPERTY + " has no keys");
        }
        List<ECKey> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK jwk : set.getKeys()) {
            String kid = jwk.getKeyID();
            if (kid == null || kid.isBlank()) {
                throw new IllegalArgumentException(JWKS_PROPERTY + ": every key needs a kid (tokens name their key in the kid header)");
            }
            if (!kids.add(kid)) {
                throw new IllegalArgumentException(JWKS_PROPERTY + ": the kid '" + kid + "' appears twice");
            }
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException(JWKS_PROPERTY + ": the key '" + kid
                        + "' is not an EC P-256 key (kty EC, crv P-256); tokens are ES256");
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                throw new IllegalArgumentException(JWKS_PROPERTY + ": the key '" + kid + "' is not for signing (use)");
            }
            if (jwk.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(jwk.getAlgorithm())) {
                throw new IllegalArgumentException(JWKS_PROPERTY + ": the key '" + kid + "' is not for ES256 (alg)");
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
}
