package io.qrlogin.oidc.sessionservice;

/**
 * Whether a session-service session ({@code sid}) is still live, asked whenever a client refreshes its
 * tokens: a session logged out, revoked on the phone, expired or idle too long gives no new tokens, even
 * before its {@code SESSION_ENDED} event arrives. Asking counts as activity of the session.
 */
@FunctionalInterface
public interface SessionCheck {

    /** What session-service says of {@code sid}. */
    Liveness touch(String sid);

    /** What session-service said. */
    enum Liveness {

        /** The session is live (and now touched). */
        LIVE,

        /** The session has ended, or never existed. */
        ENDED,

        /** No answer that says either: session-service is down, slow, or answered something else. */
        UNKNOWN
    }
}
