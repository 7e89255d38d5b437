package io.qrlogin.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import net.minidev.json.JSONObject;
import net.minidev.json.parser.JSONParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryIT extends InProcessProvider {

    @Test
    void discoveryListsTheEndpointsUnderTheIssuerAndWhatTheProviderSupports() throws Exception {
        String document = wellKnown("openid-configuration");
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(document);

        assertThat(metadata.getIssuer()).isEqualTo(new Issuer(ISSUER));
        assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(URI.create(ISSUER + "/oauth2/authorize"));
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(ISSUER + "/oauth2/token"));
        assertThat(metadata.getJWKSetURI()).isEqualTo(URI.create(ISSUER + "/.well-known/jwks.json"));
        assertThat(metadata.getUserInfoEndpointURI()).isEqualTo(URI.create(ISSUER + "/userinfo"));
        assertThat(metadata.getEndSessionEndpointURI()).isEqualTo(URI.create(ISSUER + "/connect/logout"));
        assertThat(metadata.getRevocationEndpointURI()).isEqualTo(URI.create(ISSUER + "/oauth2/revoke"));
        assertThat(metadata.getIntrospectionEndpointURI()).isEqualTo(URI.create(ISSUER + "/oauth2/introspect"));
        assertThat(metadata.getDeviceAuthorizationEndpointURI())
            .isEqualTo(URI.create(ISSUER + "/oauth2/device_authorization"));
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.getGrantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
                GrantType.REFRESH_TOKEN, GrantType.DEVICE_CODE);
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.ES256);
        assertThat(metadata.getScopes().toStringList()).contains("openid", "profile", "offline_access");
        assertThat(metadata.getTokenEndpointAuthMethods()).containsExactlyInAnyOrder(
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.NONE);
        assertThat(metadata.getIntrospectionEndpointAuthMethods()).containsExactlyInAnyOrder(
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
        assertThat(metadata.getDPoPJWSAlgs()).contains(JWSAlgorithm.ES256);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        assertThat(metadata.getACRs()).extracting(Object::toString).containsExactly("urn:qrlogin:acr:qr");
        assertThat(metadata.getClaims()).contains("sid", "amr", "acr", "auth_time", "name");

        JSONObject json = (JSONObject) new JSONParser(JSONParser.MODE_STRICTEST).parse(document);
        // Sessions that end anywhere are announced to clients, with sid (OpenID Connect Back-Channel Logout 1.0).
        assertThat(json).containsEntry("backchannel_logout_supported", true);
        assertThat(json).containsEntry("backchannel_logout_session_supported", true);
        assertThat(metadata.supportsBackChannelLogout()).isTrue();
        assertThat(metadata.supportsBackChannelLogoutSession()).isTrue();
        assertThat(json).doesNotContainKey("tls_client_certificate_bound_access_tokens");
    }

    @Test
    void authorizationServerMetadataAgreesWithTheOpenIdDocument() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(wellKnown("oauth-authorization-server"));

        assertThat(metadata.getIssuer()).isEqualTo(new Issuer(ISSUER));
        assertThat(metadata.getGrantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
                GrantType.REFRESH_TOKEN, GrantType.DEVICE_CODE);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        assertThat(metadata.getScopes().toStringList()).contains("openid", "profile", "offline_access");
    }

    @Test
    void jwksPublishesEverySessionKeyWithoutItsPrivatePartLikeSessionService() throws Exception {
        String jwks = wellKnown("jwks.json");

        List<JWK> keys = JWKSet.parse(jwks).getKeys();
        assertThat(keys).containsExactly(TestKeys.RETIRING.toPublicJWK(), TestKeys.CURRENT.toPublicJWK())
            .noneMatch(JWK::isPrivate);
        assertThat(jwks).doesNotContain(TestKeys.RETIRING.getD().toString(),
                TestKeys.CURRENT.getD().toString());
    }

    /** The body of {@code /.well-known/{name}}, which must be there. */
    private String wellKnown(String name) {
        HttpResponse<String> response = this.browser.get(local("/.well-known/" + name));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
