package io.qrlogin.session.store;

/**
 * Redis keys of sessions. Each key's hash tag ({@code {…}}) is the id it is looked up by, so each
 * script touches one cluster slot; a session and its user's index live in different slots, which is
 * why every step that writes them is idempotent on its own.
 */
final class SessionKeys {

    private SessionKeys() {
    }

    /** The hash of one session: {@code sub, name, jti, clientId, iat, exp}. */
    static String session(String sessionId) {
        return "qrlogin:session:{" + sessionId + "}";
    }

    /** The sorted set of one user's sessions: session id scored by expiry (epoch seconds). */
    static String userSessions(String subject) {
        return "qrlogin:user:{" + subject + "}:sessions";
    }

    /** Marks a token as revoked until it expires. */
    static String revoked(String tokenId) {
        return "qrlogin:revoked:{" + tokenId + "}";
    }
}
