package io.qrlogin.core.pkce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * PKCE with the S256 method (<a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>): the
 * browser keeps a random verifier and sends only its SHA-256; holding the verifier later proves it
 * is the browser that asked.
 */
public final class Pkce {

    /** The only method accepted: {@code plain} would put the verifier itself in the QR request. */
    public static final String S256 = "S256";

    /** RFC 7636 §4.1: 43 to 128 characters of {@code [A-Za-z0-9-._~]}. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    /** base64url of a 32-byte SHA-256, without padding. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /** Whether {@code verifier} is a well-formed RFC 7636 code verifier. */
    public static boolean isWellFormedVerifier(String verifier) {
        return verifier != null && VERIFIER.matcher(verifier).matches();
    }

    /** Whether {@code challenge} is a well-formed S256 code challenge. */
    public static boolean isWellFormedChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /** {@code BASE64URL(SHA256(ASCII(verifier)))}. */
    public static String s256(String verifier) {
        return ENCODER.encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Whether {@code verifier} hashes to {@code challenge}, compared in constant time so the
     * comparison leaks nothing about how much of a guess was right.
     */
    public static boolean matches(String verifier, String challenge) {
        if (!isWellFormedVerifier(verifier) || !isWellFormedChallenge(challenge)) {
            return false;
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JRE", ex);
        }
    }
}
