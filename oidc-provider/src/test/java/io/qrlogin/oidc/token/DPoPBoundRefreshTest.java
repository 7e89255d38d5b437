package io.qrlogin.oidc.token;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class DPoPBoundRefreshTest {

    private static final RegisteredClient CLI = RegisteredClient.withId("cli").clientId("cli")
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .build();

    private final AuthenticationProvider delegate = mock(AuthenticationProvider.class);

    private final OAuth2AuthorizationService authorizations = mock(OAuth2AuthorizationService.class);

    private final DPoPBoundRefresh binding = new DPoPBoundRefresh(this.delegate, this.authorizations);

    private final Authentication refreshed = new TestingAuthenticationToken("cli", null);

    @Test
    void publicClientsBoundRefreshTokenWithoutAProofThenInvalidDPoPProof() {
        given(this.authorizations.findByToken("rt", OAuth2TokenType.REFRESH_TOKEN)).willReturn(family(true));

        assertThatExceptionOfType(OAuth2AuthenticationException.class)
            .isThrownBy(() -> this.binding.authenticate(refresh(ClientAuthenticationMethod.NONE, null)))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_DPOP_PROOF));
        verify(this.delegate, never()).authenticate(any());
    }

    @Test
    void publicClientsBoundRefreshTokenWithAProofThenTheRefreshChecksItsKey() {
        OAuth2RefreshTokenAuthenticationToken request = refresh(ClientAuthenticationMethod.NONE, "proof");
        given(this.delegate.authenticate(request)).willReturn(this.refreshed);

        assertThat(this.binding.authenticate(request)).isSameAs(this.refreshed);
    }

    @Test
    void publicClientsUnboundRefreshTokenWithoutAProofThenTheRefreshGoesAhead() {
        OAuth2RefreshTokenAuthenticationToken request = refresh(ClientAuthenticationMethod.NONE, null);
        given(this.authorizations.findByToken("rt", OAuth2TokenType.REFRESH_TOKEN)).willReturn(family(false));
        given(this.delegate.authenticate(request)).willReturn(this.refreshed);

        assertThat(this.binding.authenticate(request)).isSameAs(this.refreshed);
    }

    @Test
    void unknownRefreshTokenThenTheRefreshRefusesItAsUsual() {
        OAuth2RefreshTokenAuthenticationToken request = refresh(ClientAuthenticationMethod.NONE, null);
        given(this.delegate.authenticate(request)).willReturn(this.refreshed);

        assertThat(this.binding.authenticate(request)).isSameAs(this.refreshed);
    }

    @Test
    void confidentialClientWithoutAProofThenTheRefreshGoesAheadWithoutLookingTheTokenUp() {
        // RFC 9449 §5: a confidential client's refresh token is bound by its authentication, not to a key.
        OAuth2RefreshTokenAuthenticationToken request = refresh(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
        given(this.delegate.authenticate(request)).willReturn(this.refreshed);

        assertThat(this.binding.authenticate(request)).isSameAs(this.refreshed);
        verify(this.authorizations, never()).findByToken(any(), any());
    }

    private static OAuth2RefreshTokenAuthenticationToken refresh(ClientAuthenticationMethod method, String proof) {
        Map<String, Object> parameters = new HashMap<>();
        if (proof != null) {
            parameters.put("dpop_proof", proof);
        }
        return new OAuth2RefreshTokenAuthenticationToken("rt", new OAuth2ClientAuthenticationToken(CLI, method, null),
                null, parameters);
    }

    private static OAuth2Authorization family(boolean bound) {
        OAuth2AccessToken accessToken = new OAuth2AccessToken(bound ? OAuth2AccessToken.TokenType.DPOP
                : OAuth2AccessToken.TokenType.BEARER, "at", Instant.now(), Instant.now().plusSeconds(300));
        Map<String, Object> claims = new HashMap<>(Map.of("sub", "alice"));
        if (bound) {
            claims.put("cnf", Map.of("jkt", "thumbprint"));
        }
        return OAuth2Authorization.withRegisteredClient(CLI)
            .principalName("alice")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .token(accessToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
            .build();
    }
}
