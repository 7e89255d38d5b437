package io.qrlogin.session.token;

import java.time.Instant;

/**
 * A session token just issued, with what it says.
 *
 * @param value the signed JWT, compact serialization: a secret for whoever holds it
 * @param sessionId the session it opens ({@code sid})
 * @param tokenId its unique id ({@code jti})
 * @param subject the user ({@code sub})
 * @param name the user's display name
 * @param clientId the client (site) it is for ({@code aud})
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record SessionToken(String value, String sessionId, String tokenId, String subject, String name,
        String clientId, Instant issuedAt, Instant expiresAt) {

    // The token is a bearer credential: keep it out of anything that prints this record.
    @Override
    public String toString() {
        return "SessionToken[sessionId=" + this.sessionId + ", clientId=" + this.clientId + ", issuedAt="
                + this.issuedAt + ", expiresAt=" + this.expiresAt + "]";
    }
}
