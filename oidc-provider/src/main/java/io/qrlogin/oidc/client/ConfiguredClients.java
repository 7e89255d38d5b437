package io.qrlogin.oidc.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.ClientType;
import io.qrlogin.core.client.OAuthClient;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The provider's OAuth clients: those of {@code qrlogin.clients.*} with a {@code type}, the same on
 * every instance (one ConfigMap). A client's registration id is its client id, so an authorization
 * stored by one instance names a client every other instance knows.
 */
public final class ConfiguredClients implements RegisteredClientRepository {

    /** The client setting that marks a native client (RFC 8252), whose loopback redirects match on any port. */
    public static final String NATIVE = "qrlogin.native";

    private final Map<String, RegisteredClient> clients;

    /**
     * @param accessTokenLifetime how long access tokens are valid
     * @param refreshTokenLifetime how long refresh tokens are valid
     */
    public ConfiguredClients(ClientRegistry registry, Duration accessTokenLifetime, Duration refreshTokenLifetime) {
        this(registry, accessTokenLifetime, refreshTokenLifetime, TicketLifetimes.DEFAULT_PENDING);
    }

    /**
     * @param deviceCodeLifetime how long a device code (and its user code) is valid: as long as the device's
     * ticket waits for the phone, so both end together
     */
    public ConfiguredClients(ClientRegistry registry, Duration accessTokenLifetime, Duration refreshTokenLifetime,
            Duration deviceCodeLifetime) {
        Map<String, RegisteredClient> clients = new LinkedHashMap<>();
        registry.oauthClients().forEach((id, client) -> clients.put(id,
                registration(client, accessTokenLifetime, refreshTokenLifetime, deviceCodeLifetime)));
        this.clients = Map.copyOf(clients);
    }

    /** Whether {@code client} is a native client. */
    public static boolean isNative(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(NATIVE));
    }

    /**
     * Keeps the configured registration: clients are not registered at run time. Spring Authorization
     * Server saves a client only to store a stronger hash of its secret after it authenticated with one
     * hashed by another encoder or a lower cost; the configured hash stays valid, so nothing is lost.
     */
    @Override
    public void save(RegisteredClient registeredClient) {
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return this.clients.get(id);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return this.clients.get(clientId);
    }

    private static RegisteredClient registration(Client client, Duration accessTokenLifetime,
            Duration refreshTokenLifetime, Duration deviceCodeLifetime) {
        OAuthClient oauth = client.oauth();
        if (oauth == null) {
            throw new IllegalArgumentException(client.id() + " is not an OAuth client");
        }
        return RegisteredClient.withId(client.id())
            .clientId(client.id())
            .clientName(client.name())
            .clientSecret(oauth.secret())
            .clientAuthenticationMethods((methods) -> {
                if (oauth.type() == ClientType.CONFIDENTIAL) {
                    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
                }
                else {
                    methods.add(ClientAuthenticationMethod.NONE);
                }
            })
            .authorizationGrantTypes((grants) -> oauth.grantTypes()
                .forEach((grant) -> grants.add(new AuthorizationGrantType(grant.value()))))
            .redirectUris((uris) -> uris.addAll(oauth.redirectUris()))
            .postLogoutRedirectUris((uris) -> uris.addAll(oauth.postLogoutRedirectUris()))
            .scopes((scopes) -> scopes.addAll(oauth.scopes()))
            .clientSettings(ClientSettings.builder()
                // PKCE S256 for every client that has no secret (RFC 9700 §2.1.1).
                .requireProofKey(oauth.type().isPublic())
                .requireAuthorizationConsent(oauth.requireConsent())
                .setting(NATIVE, oauth.type() == ClientType.NATIVE)
                .build())
            .tokenSettings(TokenSettings.builder()
                .idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
                .accessTokenTimeToLive(accessTokenLifetime)
                .refreshTokenTimeToLive(refreshTokenLifetime)
                .deviceCodeTimeToLive(deviceCodeLifetime)
                // Every refresh replaces the refresh token; a replaced one is refused (RFC 9700 §4.14.2).
                .reuseRefreshTokens(false)
                .build())
            .build();
    }
}
