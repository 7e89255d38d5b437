package io.qrlogin.oidc.device;

import java.util.List;
import java.util.function.Consumer;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.oidc.login.SessionTokenVerifier;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What the authorization server's configuration plugs in for the device grant: its two providers
 * wrapped ({@link QrDeviceAuthorizationRequestProvider}, {@link QrDeviceCodeAuthenticationProvider}) and
 * the device authorization response ({@link DeviceAuthorizationResponses}).
 */
public final class DeviceGrant {

    private final DeviceTickets tickets;

    private final OAuth2AuthorizationService authorizations;

    private final PollPacing pacing;

    private final SessionRedeemer redeemer;

    private final SessionTokenVerifier sessionTokens;

    private final ClientRegistry clients;

    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;

    private final String clientIpHeader;

    private final DeviceAuthorizationResponses responses;

    DeviceGrant(DeviceTickets tickets, OAuth2AuthorizationService authorizations, PollPacing pacing,
            SessionRedeemer redeemer, SessionTokenVerifier sessionTokens, ClientRegistry clients,
            OAuth2TokenGenerator<? extends OAuth2Token> tokens, String clientIpHeader,
            DeviceAuthorizationResponses responses) {
        this.tickets = tickets;
        this.authorizations = authorizations;
        this.pacing = pacing;
        this.redeemer = redeemer;
        this.sessionTokens = sessionTokens;
        this.clients = clients;
        this.tokens = tokens;
        this.clientIpHeader = clientIpHeader;
        this.responses = responses;
    }

    /** For the device authorization endpoint's providers: the request provider, wrapped. */
    public Consumer<List<AuthenticationProvider>> authorizationRequests() {
        return (providers) -> providers.replaceAll((provider) -> (provider instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider)
                ? new QrDeviceAuthorizationRequestProvider(provider, this.tickets, this.authorizations, this.clientIpHeader)
                : provider);
    }

    /** {@code provider} wrapped if it is the token endpoint's device code provider, else itself. */
    public AuthenticationProvider poll(AuthenticationProvider provider) {
        return (provider instanceof OAuth2DeviceCodeAuthenticationProvider)
                ? new QrDeviceCodeAuthenticationProvider(provider, this.authorizations, this.pacing, this.redeemer,
                        this.sessionTokens, this.clients, this.tokens)
                : provider;
    }

    /** The device authorization endpoint's response. */
    public AuthenticationSuccessHandler responses() {
        return this.responses::success;
    }
}
