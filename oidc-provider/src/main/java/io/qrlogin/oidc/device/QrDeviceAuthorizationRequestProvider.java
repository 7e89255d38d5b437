package io.qrlogin.oidc.device;

import java.util.LinkedHashSet;
import java.util.Set;

import io.qrlogin.core.ticket.BrowserContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The device authorization request (RFC 8628 §3.1) on the ticket engine: Spring Authorization Server
 * issues the device and user codes, then this mints the device's ticket (the device code as its
 * verifier), links the user code to it and names it in the authorization. Spring Authorization Server
 * refuses {@code openid} in a device request; a device that signs a user in (kubelogin, say) needs an ID
 * token, so {@code openid} is kept out of the delegate's sight and put back into the request's scopes,
 * and the poll issues the ID token ({@link DeviceIdTokens}).
 */
public final class QrDeviceAuthorizationRequestProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final DeviceTickets tickets;

    private final OAuth2AuthorizationService authorizations;

    private final String clientIpHeader;

    /** @param clientIpHeader the header in which the edge passes the device's address */
    public QrDeviceAuthorizationRequestProvider(AuthenticationProvider delegate, DeviceTickets tickets,
            OAuth2AuthorizationService authorizations, String clientIpHeader) {
        this.delegate = delegate;
        this.tickets = tickets;
        this.authorizations = authorizations;
        this.clientIpHeader = clientIpHeader;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        OAuth2DeviceAuthorizationRequestAuthenticationToken request = (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        Set<String> scopes = request.getScopes();
        boolean openid = scopes.contains(OidcScopes.OPENID);
        if (openid && !allowsOpenId(request)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
                    "OAuth 2.0 Parameter: " + OAuth2ParameterNames.SCOPE, null));
        }
        OAuth2DeviceAuthorizationRequestAuthenticationToken delegated = request;
        if (openid) {
            Set<String> others = new LinkedHashSet<>(scopes);
            others.remove(OidcScopes.OPENID);
            delegated = new OAuth2DeviceAuthorizationRequestAuthenticationToken((Authentication) request.getPrincipal(),
                    request.getAuthorizationUri(), others, request.getAdditionalParameters());
            delegated.setDetails(request.getDetails());
        }
        OAuth2DeviceAuthorizationRequestAuthenticationToken issued = (OAuth2DeviceAuthorizationRequestAuthenticationToken) this.delegate
            .authenticate(delegated);
        if (issued == null || issued.getDeviceCode() == null || issued.getUserCode() == null) {
            return issued;
        }
        String deviceCode = issued.getDeviceCode().getTokenValue();
        OAuth2Authorization authorization = this.authorizations.findByToken(deviceCode,
                new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE));
        if (authorization == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
        }
        String qrId = this.tickets.mint(authorization.getRegisteredClientId(), deviceCode,
                issued.getUserCode().getTokenValue(), device());
        this.authorizations.save(OAuth2Authorization.from(authorization)
            .attribute(DeviceTickets.QR_ID, qrId)
            .attribute(OAuth2ParameterNames.SCOPE, new LinkedHashSet<>(scopes))
            .build());
        return issued;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }

    private static boolean allowsOpenId(OAuth2DeviceAuthorizationRequestAuthenticationToken request) {
        RegisteredClient client = (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken principal)
                ? principal.getRegisteredClient() : null;
        return client != null && client.getScopes().contains(OidcScopes.OPENID);
    }

    /** What the edge saw of the device: the phone's confirm screen shows it, as it shows a browser's. */
    private BrowserContext device() {
        HttpServletRequest request = currentRequest();
        if (request == null) {
            return new BrowserContext(null, null);
        }
        String ip = request.getHeader(this.clientIpHeader);
        return new BrowserContext((ip != null && !ip.isBlank()) ? ip.trim() : request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static @Nullable HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
    }
}
