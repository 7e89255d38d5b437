package io.qrlogin.oidc.logout;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.OAuthClient;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Ends a session-service session ({@code sid}) at the provider: every authorization it signed in is
 * removed, so their refresh tokens are refused and their access tokens fail {@code /userinfo} and
 * introspection; then each client that held it and registered a {@code backchannel-logout-uri} is sent
 * a logout token, in the background. One path for a session revoked on the phone, logged out at
 * session-service, or ended by RP-initiated logout here.
 */
public final class EndedSessions {

    private final RedisOAuth2AuthorizationService authorizations;

    private final ClientRegistry clients;

    private final LogoutTokens tokens;

    private final BackChannelLogout delivery;

    public EndedSessions(RedisOAuth2AuthorizationService authorizations, ClientRegistry clients, LogoutTokens tokens,
            BackChannelLogout delivery) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.tokens = tokens;
        this.delivery = delivery;
    }

    /**
     * Ends {@code sid} and tells its clients but {@code initiator}, the client whose own logout ended it
     * ({@code null}: none). Ending a session that already ended does nothing.
     *
     * @return the clients told
     */
    public Map<String, URI> end(String sid, @Nullable String initiator) {
        Map<String, String> subjects = new LinkedHashMap<>();
        for (OAuth2Authorization authorization : this.authorizations.endSession(sid)) {
            subjects.putIfAbsent(authorization.getRegisteredClientId(), authorization.getPrincipalName());
        }
        Map<String, URI> told = new LinkedHashMap<>();
        subjects.forEach((clientId, subject) -> {
            URI uri = logoutUri(clientId);
            if (uri != null && !Objects.equals(clientId, initiator)) {
                this.delivery.deliver(clientId, uri, this.tokens.issue(clientId, subject, sid));
                told.put(clientId, uri);
            }
        });
        return told;
    }

    private @Nullable URI logoutUri(String clientId) {
        OAuthClient oauth = this.clients.find(clientId).map((client) -> client.oauth()).orElse(null);
        String uri = (oauth != null) ? oauth.backchannelLogoutUri() : null;
        return (uri != null) ? URI.create(uri) : null;
    }
}
