package io.qrlogin.oidc.sessionservice;

/**
 * Ends a session-service session ({@code sid}) after a client logged out at the provider, so that it ends for
 * every client, on the user's phone and for resource servers too (session-service announces its end).
 */
@FunctionalInterface
public interface SessionEnd {

    /** Ends {@code sid}; true when session-service ended it or it had ended already, false when that is not known. */
    boolean end(String sid);
}
