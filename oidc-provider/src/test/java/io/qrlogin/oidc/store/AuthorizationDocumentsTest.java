package io.qrlogin.oidc.store;

import java.security.Principal;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthorizationDocumentsTest {

    private final AuthorizationDocuments documents = new AuthorizationDocuments();

    @Test
    void authorizationWithEveryTokenReadsBackAsWritten() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();

        OAuth2Authorization read = this.documents.read(this.documents.write(authorization), TestAuthorizations.RP, 7);

        assertThat(read.getId()).isEqualTo(authorization.getId());
        assertThat(read.getRegisteredClientId()).isEqualTo("rp");
        assertThat(read.getPrincipalName()).isEqualTo("alice");
        assertThat(read.getAuthorizationGrantType()).isEqualTo(authorization.getAuthorizationGrantType());
        assertThat(read.getAuthorizedScopes()).isEqualTo(authorization.getAuthorizedScopes());
        assertThat((Object) read.getAttribute(Principal.class.getName())).isEqualTo(TestAuthorizations.ALICE);
        OAuth2AuthorizationRequest request = read.getAttribute(OAuth2AuthorizationRequest.class.getName());
        assertThat(request.getAdditionalParameters()).containsEntry("nonce", "nonce-1")
            .containsEntry("code_challenge", "challenge");
        assertThat(request.getState()).isEqualTo("state-1");
        assertThat((Object) read.getAttribute(AuthorizationDocuments.VERSION)).isEqualTo(7L);

        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = read.getToken(OAuth2AuthorizationCode.class);
        assertThat(code.getToken()).usingRecursiveComparison()
            .isEqualTo(authorization.getToken(OAuth2AuthorizationCode.class).getToken());
        assertThat(code.isInvalidated()).isTrue();

        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = read.getAccessToken();
        assertThat(accessToken.getToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.DPOP);
        assertThat(accessToken.getToken()).usingRecursiveComparison()
            .isEqualTo(authorization.getAccessToken().getToken());
        assertThat(accessToken.getClaims()).containsEntry("cnf", Map.of("jkt", "thumbprint"));
        assertThat(accessToken.isInvalidated()).isFalse();

        OAuth2RefreshToken refreshToken = read.getRefreshToken().getToken();
        assertThat(refreshToken).usingRecursiveComparison().isEqualTo(authorization.getRefreshToken().getToken());

        OidcIdToken idToken = read.getToken(OidcIdToken.class).getToken();
        assertThat(idToken.getTokenValue()).isEqualTo(authorization.getToken(OidcIdToken.class).getToken().getTokenValue());
        // Spring Authorization Server reads auth_time back as a Date when it refreshes an ID token.
        assertThat((Object) idToken.getClaim("auth_time")).isInstanceOf(Date.class)
            .isEqualTo(Date.from(TestAuthorizations.ALICE.authTime()));
        assertThat(idToken.getClaimAsStringList("amr")).containsExactly("qr");
        assertThat(idToken.getClaimAsString("sid")).isEqualTo("session-1");
        assertThat(idToken.getIssuedAt()).isEqualTo(TestAuthorizations.NOW);
    }

    @Test
    void documentHoldsTheUserAsClaimsNotAsASerialisedClass() {
        String json = this.documents.write(TestAuthorizations.withTokens().build());

        assertThat(json).contains("\"subject\":\"alice\"", "\"sessionId\":\"session-1\"")
            .doesNotContain("QrAuthentication", AuthorizationDocuments.VERSION);
    }

    @Test
    void authorizationWaitingForItsUserHasNoUser() {
        OAuth2Authorization waiting = OAuth2Authorization.from(TestAuthorizations.withCode().build())
            .attributes((attributes) -> attributes.remove(Principal.class.getName()))
            .build();

        OAuth2Authorization read = this.documents.read(this.documents.write(waiting), TestAuthorizations.RP, 1);

        assertThat((Object) read.getAttribute(Principal.class.getName())).isNull();
    }

    @Test
    void authorizationOfAnotherKindOfUserThenRefused() {
        OAuth2Authorization other = TestAuthorizations.withCode()
            .attribute(Principal.class.getName(),
                    new TestingAuthenticationToken("bob", null))
            .build();

        assertThatIllegalArgumentException().isThrownBy(() -> this.documents.write(other))
            .withMessageContaining("Only QR logins");
    }
}
