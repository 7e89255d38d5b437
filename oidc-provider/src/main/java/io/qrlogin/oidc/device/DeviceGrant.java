package io.qrlogin.oidc.device;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What the authorization server's configuration plugs in for the device grant: its two providers
 * wrapped ({@link QrDeviceAuthorizationRequestProvider}, {@link QrDeviceCodeAuthenticationProvider}) and
 * the device authorization response ({@link DeviceAuthorizationResponses}).
 */
public final class DeviceGrant {

    private final UnaryOperator<AuthenticationProvider> authorizationRequest;

    private final UnaryOperator<AuthenticationProvider> poll;

    private final DeviceAuthorizationResponses responses;

    /**
     * @param authorizationRequest wraps the device authorization request provider
     * @param poll wraps the token endpoint's device code provider
     */
    DeviceGrant(UnaryOperator<AuthenticationProvider> authorizationRequest, UnaryOperator<AuthenticationProvider> poll,
            DeviceAuthorizationResponses responses) {
        this.authorizationRequest = authorizationRequest;
        this.poll = poll;
        this.responses = responses;
    }

    /** For the device authorization endpoint's providers: the request provider, wrapped. */
    public Consumer<List<AuthenticationProvider>> authorizationRequests() {
        return (providers) -> providers.replaceAll((provider) -> (provider instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider)
                ? this.authorizationRequest.apply(provider) : provider);
    }

    /** {@code provider} wrapped if it is the token endpoint's device code provider, else itself. */
    public AuthenticationProvider poll(AuthenticationProvider provider) {
        return (provider instanceof OAuth2DeviceCodeAuthenticationProvider) ? this.poll.apply(provider) : provider;
    }

    /** The device authorization endpoint's response. */
    public AuthenticationSuccessHandler responses() {
        return this.responses::success;
    }
}
