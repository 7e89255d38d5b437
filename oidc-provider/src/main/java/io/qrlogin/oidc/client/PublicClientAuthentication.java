package io.qrlogin.oidc.client;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Public and native clients at the token endpoint beyond the code exchange, which Spring
 * Authorization Server only admits with PKCE: refreshing (their refresh tokens rotate on every use,
 * RFC 9700 §4.14.2), revoking their own tokens (RFC 7009 §2.1), and the device grant (a device
 * authorization request and the polls of its device code, RFC 8628 §3.1, §3.4). Only a request that names a
 * client and carries no credential is claimed, and only a client registered without a secret is
 * accepted; introspection stays for confidential clients.
 */
public final class PublicClientAuthentication implements AuthenticationConverter, AuthenticationProvider {

    private static final String REFRESH_TOKEN = AuthorizationGrantType.REFRESH_TOKEN.getValue();

    private static final String DEVICE_CODE = AuthorizationGrantType.DEVICE_CODE.getValue();

    private final RegisteredClientRepository clients;

    public PublicClientAuthentication(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
            return null;
        }
        String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
        boolean granted = REFRESH_TOKEN.equals(grantType) || DEVICE_CODE.equals(grantType);
        boolean ungranted = grantType == null && (isRevocation(request) || isDeviceAuthorization(request));
        if (!granted && !ungranted) {
            return null;
        }
        String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (clientIds == null) {
            return null;
        }
        if (clientIds.length != 1 || clientIds[0].isBlank()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        Map<String, Object> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
                parameters.put(name, (values.length == 1) ? values[0] : values);
            }
        });
        return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
        if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())) {
            return null;
        }
        // A code exchange is Spring Authorization Server's own public-client case: PKCE proves the client.
        Object grantType = client.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE);
        if (grantType != null && !REFRESH_TOKEN.equals(grantType) && !DEVICE_CODE.equals(grantType)) {
            return null;
        }
        RegisteredClient registered = this.clients.findByClientId(String.valueOf(client.getPrincipal()));
        if (registered == null || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                    "Client authentication failed: client_id", null));
        }
        return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static boolean isRevocation(HttpServletRequest request) {
        return isAt(request, AuthorizationServerContextHolder.getContext().getAuthorizationServerSettings()
            .getTokenRevocationEndpoint());
    }

    private static boolean isDeviceAuthorization(HttpServletRequest request) {
        return isAt(request, AuthorizationServerContextHolder.getContext().getAuthorizationServerSettings()
            .getDeviceAuthorizationEndpoint());
    }

    private static boolean isAt(HttpServletRequest request, String endpoint) {
        return request.getRequestURI().equals(request.getContextPath() + endpoint);
    }
}
