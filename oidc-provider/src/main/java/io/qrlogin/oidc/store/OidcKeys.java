package io.qrlogin.oidc.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Redis keys of the provider's authorizations and consents. Each key's hash tag ({@code {…}}) is what
 * it is looked up by, so each script touches one cluster slot. Token values appear only hashed: no
 * key name gives a token away, and every JWT makes a key of the same length.
 */
final class OidcKeys {

    private OidcKeys() {
    }

    /** The hash of one authorization: {@code version}, {@code document}, {@code refresh} (its refresh token's hash). */
    static String authorization(String id) {
        return "qrlogin:oidc:{" + id + "}:authz";
    }

    /** The index entry of one token value: {@code <token type> <authorization id>}. */
    static String token(String value) {
        return "qrlogin:oidc:{" + hash(value) + "}:tok";
    }

    /**
     * The authorizations of one session-service session ({@code sid}): a sorted set of authorization ids,
     * each scored with the moment its authorization expires, itself expiring with the last of them.
     */
    static String session(String sid) {
        return "qrlogin:oidc:{s:" + hash(sid) + "}:authz";
    }

    /** Marks a session that ended, in the same slot as {@link #session(String)}: no authorization joins it. */
    static String endedSession(String sid) {
        return "qrlogin:oidc:{s:" + hash(sid) + "}:ended";
    }

    /** The scopes a user consented to for a client. */
    static String consent(String registeredClientId, String principalName) {
        return "qrlogin:oidc:{" + registeredClientId + ":" + principalName + "}:consent";
    }

    /** SHA-256 of {@code value}, base64url. */
    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
    }
}
