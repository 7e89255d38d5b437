package io.qrlogin.session.token;

import java.security.SecureRandom;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.qrlogin.keys.SigningKeySet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC P-256 keys of session tokens ({@link SigningKeySet}, shared with the OpenID Provider): one
 * private key signs, every key is published (public part only) so tokens signed before a rotation stay
 * verifiable until they expire. Adds what only session-service does: a key generated in demo mode and
 * a signer.
 */
public final class SigningKeys {

    private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeySet keys;

    private final List<JWK> publicKeys;

    private final String publicJwkSet;

    private SigningKeys(SigningKeySet keys) {
        this.keys = keys;
        this.publicKeys = keys.publicKeys();
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
            SigningKeys configured = new SigningKeys(SigningKeySet.of(jwks, keyId));
            logger.info("Session tokens are signed with key {}; {} key(s) published", configured.keyId(),
                    configured.publicKeys.size());
            return configured;
        }
        if (keyId != null) {
            throw new IllegalArgumentException(SigningKeySet.KEY_ID_PROPERTY + " is set but "
                    + SigningKeySet.JWKS_PROPERTY + " is not");
        }
        if (!demo) {
            throw new IllegalStateException(SigningKeySet.JWKS_PROPERTY + " is required outside demo mode");
        }
        ECKey generated = generate();
        logger.warn("Demo mode without qrlogin.session.signing.jwks: session tokens are signed with an EC P-256 key "
                + "generated at start (kid {}). They stop verifying when this instance restarts, and other instances "
                + "do not trust them.", generated.getKeyID());
        return new SigningKeys(SigningKeySet.of(generated));
    }

    /** A fresh private EC P-256 signing key whose {@code kid} is its RFC 7638 thumbprint. */
    public static ECKey generate() {
        return SigningKeySet.generate();
    }

    /** The {@code kid} of the key that signs. */
    public String keyId() {
        return this.keys.signingKeyId();
    }

    /** A signer with the signing key, drawing its ECDSA nonces from {@code random}. Thread-safe. */
    public JWSSigner signer(SecureRandom random) {
        return signer(this.keys.signingKey(), random);
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
        return this.keys.signingKey();
    }
}
