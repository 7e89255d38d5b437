package io.qrlogin.session.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC P-256 keys of session tokens: one private key signs, every key is published (public part
 * only) so tokens signed before a rotation stay verifiable until they expire.
 */
public final class SigningKeys {

    private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey signingKey;

    private final List<JWK> publicKeys;

    private final String publicJwkSet;

    SigningKeys(ECKey signingKey, List<ECKey> keys) {
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("The signing key must be private");
        }
        selfTest(signingKey);
        List<JWK> published = new ArrayList<>();
        for (ECKey key : keys) {
            published.add(key.toPublicJWK());
        }
        this.signingKey = signingKey;
        this.publicKeys = List.copyOf(published);
        this.publicJwkSet = new JWKSet(this.publicKeys).toString(true);
    }

    /**
     * The configured keys ({@code qrlogin.session.signing.*}); without any, in demo mode only, a key
     * generated now (tokens then die with this instance, and other instances do not trust them).
     *
     * @param jwks a JWK set (RFC 7517) of EC P-256 keys with distinct {@code kid}s, or {@code null} for none
     * @param keyId the {@code kid} of the key that signs, which must be private; the first key of the set if
     * {@code null}
     * @param demo whether demo mode is on
     * @throws IllegalArgumentException naming the property when the keys are not usable; never quoting a key
     */
    public static SigningKeys of(@Nullable String jwks, @Nullable String keyId, boolean demo) {
        if (jwks != null) {
            List<ECKey> keys = parse(jwks);
            ECKey signingKey = find(keys, (keyId != null) ? keyId : keys.get(0).getKeyID());
            if (!signingKey.isPrivate()) {
                throw new IllegalArgumentException("qrlogin.session.signing: the signing key '" + signingKey.getKeyID()
                        + "' has no private part (d) in qrlogin.session.signing.jwks");
            }
            SigningKeys configured = new SigningKeys(signingKey, keys);
            logger.info("Session tokens are signed with key {}; {} key(s) published", configured.keyId(),
                    configured.publicKeys.size());
            return configured;
        }
        if (keyId != null) {
            throw new IllegalArgumentException("qrlogin.session.signing.key-id is set but qrlogin.session.signing.jwks is not");
        }
        if (!demo) {
            throw new IllegalStateException("qrlogin.session.signing.jwks is required outside demo mode");
        }
        ECKey generated = generate();
        logger.warn("Demo mode without qrlogin.session.signing.jwks: session tokens are signed with an EC P-256 key "
                + "generated at start (kid {}). They stop verifying when this instance restarts, and other instances "
                + "do not trust them.", generated.getKeyID());
        return new SigningKeys(generated, List.of(generated));
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

    /** The {@code kid} of the key that signs. */
    public String keyId() {
        return this.signingKey.getKeyID();
    }

    /** A signer with the signing key, drawing its ECDSA nonces from {@code random}. Thread-safe. */
    public JWSSigner signer(SecureRandom random) {
        return signer(this.signingKey, random);
    }

    /** The public part of every key, to verify tokens with. */
    public List<JWK> publicKeys() {
        return this.publicKeys;
    }

    /** The JWK set document of {@link #publicKeys()} (RFC 7517 §5). */
    public String publicJwkSet() {
        return this.publicJwkSet;
    }

    static JWSSigner signer(ECKey key, SecureRandom random) {
        try {
            ECDSASigner signer = new ECDSASigner(key);
            signer.getJCAContext().setSecureRandom(random);
            return signer;
        }
        catch (JOSEException ex) {
            throw new IllegalArgumentException("Not a usable EC signing key: " + key.getKeyID(), ex);
        }
    }

    /** The private key that signs. */
    ECKey signingKey() {
        return this.signingKey;
    }

    private static ECKey find(List<ECKey> keys, String keyId) {
        return keys.stream().filter((key) -> keyId.equals(key.getKeyID())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("qrlogin.session.signing.key-id '" + keyId
                    + "' is not a kid of qrlogin.session.signing.jwks, which has " + keyIds(keys)));
    }

    private static List<ECKey> parse(String jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        }
        catch (ParseException ex) {
            // The parser's message may quote the input, which holds private keys: say only where it failed.
            throw new IllegalArgumentException("qrlogin.session.signing.jwks is not a JWK set (RFC 7517 §5): "
                    + "expected {\"keys\":[…]}; parsing failed at offset " + ex.getErrorOffset());
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("qrlogin.session.signing.jwks has no keys");
        }
        List<ECKey> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK jwk : set.getKeys()) {
            String kid = jwk.getKeyID();
            if (kid == null || kid.isBlank()) {
                throw new IllegalArgumentException("qrlogin.session.signing.jwks: every key needs a kid (tokens name their key in the kid header)");
            }
            if (!kids.add(kid)) {
                throw new IllegalArgumentException("qrlogin.session.signing.jwks: the kid '" + kid + "' appears twice");
            }
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("qrlogin.session.signing.jwks: the key '" + kid
                        + "' is not an EC P-256 key (kty EC, crv P-256); session tokens are ES256");
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                throw new IllegalArgumentException("qrlogin.session.signing.jwks: the key '" + kid + "' is not for signing (use)");
            }
            if (jwk.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(jwk.getAlgorithm())) {
                throw new IllegalArgumentException("qrlogin.session.signing.jwks: the key '" + kid + "' is not for ES256 (alg)");
            }
            keys.add(ec);
        }
        return List.copyOf(keys);
    }

    private static List<String> keyIds(List<ECKey> keys) {
        return keys.stream().map(JWK::getKeyID).toList();
    }

    /** Signs and verifies once, so a private part that does not match its public one fails the start. */
    private static void selfTest(ECKey key) {
        try {
            JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
            byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = new ECDSASigner(key).sign(header, probe);
            if (!new ECDSAVerifier(key.toPublicJWK()).verify(header, probe, signature)) {
                throw new IllegalArgumentException("The private and public parts of the signing key '"
                        + key.getKeyID() + "' do not match");
            }
        }
        catch (JOSEException ex) {
            throw new IllegalArgumentException("The signing key '" + key.getKeyID() + "' cannot sign ES256", ex);
        }
    }
}
