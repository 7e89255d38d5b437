package io.qrlogin.session.store;

/**
 * Redis keys of sessions. Each key's hash tag ({@code {…}}) is the id it is looked up by, so each
 * script touches one cluster slot; a session and its user's index live in different slots, which is
 * why every step that writes them is idempotent on its own.
 */
final class SessionKeys {

    private SessionKeys() {
    }

    /**
     * The hash of one session: {@code sub, name, jti, clientId, iat, exp, method}, and for a session opened at
     * redeem {@code browser, os, ip, sameNetwork} (each when known), {@code signedInAt, lastSeenAt, deadline}
     * (epoch ms) and {@code idle} (ms).
     */
    static String session(String sessionId) {
        return "qrlogin:session:{" + sessionId + "}";
    }

    /** The sorted set of one user's sessions: session id scored by when it ends at the latest (epoch seconds). */
    static String userSessions(String subject) {
        return "qrlogin:user:{" + subject + "}:sessions";
    }

    /**
     * The sorted set of every session by the moment it is next due to end (epoch ms): its absolute deadline
     * or the end of its idle timeout, whichever comes first. One key, so the sweepers of all instances claim
     * from the same set, atomically.
     */
    static String deadlines() {
        return "qrlogin:sessions:deadlines";
    }

    /** Marks a token as revoked until it expires. */
    static String revoked(String tokenId) {
        return "qrlogin:revoked:{" + tokenId + "}";
    }
}
