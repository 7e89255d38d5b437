package io.qrlogin.session.security;

import java.time.Instant;
import java.util.List;

/**
 * The signed-in user behind a verified, live session token. Holds what the token says, never the
 * token itself.
 *
 * @param subject the user ({@code sub})
 * @param name the user's display name
 * @param sessionId the session ({@code sid})
 * @param tokenId the token ({@code jti})
 * @param expiresAt when the token expires
 * @param methods how the user authenticated ({@code amr})
 */
public record SessionPrincipal(String subject, String name, String sessionId, String tokenId, Instant expiresAt,
        List<String> methods) {
}
