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
 * @param method how the session was opened: {@code qr} (a browser redeemed its ticket) or {@code device} (the
 * OpenID Provider redeemed a device's ticket, RFC 8628), for the user's list of sessions
 */
public record SessionToken(String value, String sessionId, String tokenId, String subject, String name,
        String clientId, Instant issuedAt, Instant expiresAt, String method) {

    /** How a browser's redeem opens a session. */
    public static final String METHOD_QR = "qr";

    /** How a device's redeem (the OpenID Provider's device grant) opens a session. */
    public static final String METHOD_DEVICE = "device";

    /** A browser's session. */
    public SessionToken(String value, String sessionId, String tokenId, String subject, String name, String clientId,
            Instant issuedAt, Instant expiresAt) {
        this(value, sessionId, tokenId, subject, name, clientId, issuedAt, expiresAt, METHOD_QR);
    }

    // The token is a bearer credential: keep it out of anything that prints this record.
    @Override
    public String toString() {
        return "SessionToken[sessionId=" + this.sessionId + ", clientId=" + this.clientId + ", issuedAt="
                + this.issuedAt + ", expiresAt=" + this.expiresAt + "]";
    }
}
