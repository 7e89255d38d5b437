package io.qrlogin.session.store;

import java.time.Instant;

/**
 * A session of a user that has not ended.
 *
 * @param sessionId the session ({@code sid} of its token)
 * @param expiresAt when its token expires
 */
public record ActiveSession(String sessionId, Instant expiresAt) {
}
