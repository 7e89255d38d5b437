package io.qrlogin.session.store;

/**
 * A session that one call of the store ended (and no other call did).
 *
 * @param sessionId the session ({@code sid})
 * @param subject its user
 * @param clientId the client it was signed in to
 */
public record EndedSession(String sessionId, String subject, String clientId) {
}
