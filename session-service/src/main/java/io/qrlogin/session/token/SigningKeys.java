package io.qrlogin.session.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

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
import io.qrlogin.session.SessionProperties;
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
     * The configured keys; without any, in demo mode only, a key generated now (tokens then die with
     * this instance, and other instances do not trust them).
     */
    public static SigningKeys of(SessionProperties.Signing signing, boolean demo) {
        if (signing.jwks() != null) {
            SigningKeys keys = new SigningKeys(signing.signingKey(), signing.keys());
            logger.info("Session tokens are signed with key {}; {} key(s) published", keys.keyId(), keys.publicKeys.size());
            return keys;
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
