package io.qrlogin.oidc.store;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One authorization as stored: a JSON document (an {@code OAuth2Authorization} exposes its tokens
 * only by type, so each has its own member). Attributes and token metadata are JSON written by
 * Spring Security's own mapper, as its JDBC store writes them; the signed-in user is stored as its
 * claims rather than as a serialised class.
 *
 * @param id the authorization's id
 * @param registeredClientId the client's registration id
 * @param principalName the user's subject
 * @param grantType the grant it was made for
 * @param authorizedScopes the scopes granted
 * @param attributes the attributes but the user, as Spring Security's mapper writes them
 * @param user the signed-in user; {@code null} before one approved (a device code)
 * @param tokens its tokens, by token type
 */
record AuthorizationDocument(String id, String registeredClientId, String principalName, String grantType,
        List<String> authorizedScopes, String attributes, @Nullable User user, Map<String, Token> tokens) {

    /**
     * The user a QR login signed in.
     *
     * @param subject the {@code sub}
     * @param name the display name
     * @param sessionId the session-service session ({@code sid})
     * @param authTime when the phone confirmed, ISO-8601
     */
    record User(String subject, String name, String sessionId, String authTime) {
    }

    /**
     * One token.
     *
     * @param value the token
     * @param issuedAt when it was issued, ISO-8601
     * @param expiresAt when it expires, ISO-8601
     * @param metadata its metadata (claims, invalidated), as Spring Security's mapper writes them
     * @param tokenType an access token's type ({@code Bearer} or {@code DPoP})
     * @param scopes an access token's scopes
     */
    record Token(String value, @Nullable String issuedAt, @Nullable String expiresAt, String metadata,
            @Nullable String tokenType, @Nullable List<String> scopes) {
    }
}
