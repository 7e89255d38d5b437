package io.qrlogin.oidc.server;

import java.util.List;
import java.util.Map;

import io.qrlogin.oidc.login.QrAuthentication;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * The discovery documents (OpenID Connect Discovery 1.0, RFC 8414) say what this provider does,
 * not everything Spring Authorization Server could: ES256 ID tokens, the grants and client
 * authentication methods clients can be registered for, the scopes, the claims, RFC 9207, and
 * back-channel logout with {@code sid}.
 */
final class Discovery {

    private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.DEVICE_CODE.getValue());

    private static final List<String> CLIENT_AUTHENTICATION = List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
            ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());

    private static final List<String> SCOPES = List.of("openid", "profile", "offline_access");

    private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp",
            "sid", "amr", "acr", "name");

    private Discovery() {
    }

    /** {@code /.well-known/openid-configuration}. */
    static void provider(OidcProviderConfiguration.Builder builder) {
        builder.claims((claims) -> {
            common(claims);
            claims.put("id_token_signing_alg_values_supported", List.of("ES256"));
            claims.put("claims_supported", CLAIMS);
            claims.put("acr_values_supported", List.of(QrAuthentication.ACR));
            // OpenID Connect Back-Channel Logout 1.0: logout tokens carry sid, as ID tokens do.
            claims.put("backchannel_logout_supported", true);
            claims.put("backchannel_logout_session_supported", true);
        });
    }

    /** {@code /.well-known/oauth-authorization-server}. */
    static void authorizationServer(OAuth2AuthorizationServerMetadata.Builder builder) {
        builder.claims(Discovery::common);
    }

    private static void common(Map<String, Object> claims) {
        claims.put("grant_types_supported", GRANT_TYPES);
        claims.put("scopes_supported", SCOPES);
        claims.put("token_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION);
        claims.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION);
        // Introspection is for confidential clients (the resource servers they run).
        claims.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION.subList(0, 2));
        claims.remove("tls_client_certificate_bound_access_tokens");
        claims.put("authorization_response_iss_parameter_supported", true);
    }
}
