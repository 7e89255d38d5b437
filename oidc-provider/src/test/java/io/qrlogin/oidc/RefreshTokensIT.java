package io.qrlogin.oidc;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh tokens for offline_access: rotated on every use; a reused one is refused and revokes its family. */
class RefreshTokensIT extends InProcessProvider {

    private static final Scope OFFLINE = new Scope("openid", "profile", "offline_access");

    @Test
    void refreshRotatesTheRefreshTokenAndKeepsTheLoginsClaims() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens first = signInWithOfflineAccess(RP, RP_CALLBACK, login);

        OIDCTokens second = refresh(RP, first.getRefreshToken());

        assertThat(second.getRefreshToken()).isNotNull().isNotEqualTo(first.getRefreshToken());
        assertThat(second.getAccessToken()).isNotEqualTo(first.getAccessToken());
        IDTokenClaimsSet claims = idTokenValidator(RP).validate(second.getIDToken(), null);
        assertThat(claims.getSubject().getValue()).isEqualTo(TestSessionTokens.ALICE);
        assertThat(claims.getStringClaim("sid")).isEqualTo(login.sessionId());
        assertThat(claims.getAuthenticationTime().toInstant()).isEqualTo(login.authTime());
        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("qr");
        assertThat(active(second.getAccessToken())).isTrue();
        assertThat(active(first.getAccessToken())).as("replaced by the refresh").isFalse();
        assertThat(refresh(RP, second.getRefreshToken()).getRefreshToken()).isNotNull();
    }

    @Test
    void reusedRefreshTokenThenInvalidGrantAndItsWholeFamilyRevoked() throws Exception {
        OIDCTokens first = signInWithOfflineAccess(RP, RP_CALLBACK, sessionToken(RP_AUDIENCE));
        OIDCTokens second = refresh(RP, first.getRefreshToken());

        TokenResponse reuse = token(rpCredentials(), new RefreshTokenGrant(first.getRefreshToken()));

        assertInvalidGrant(reuse);
        assertInvalidGrant(token(rpCredentials(), new RefreshTokenGrant(second.getRefreshToken())));
        assertThat(active(second.getAccessToken())).isFalse();
    }

    // Repeated: which use wins, and whether the loser races or comes second, varies from run to run.
    @RepeatedTest(20)
    void refreshTokenUsedTwiceAtOnceThenAtMostOneSucceedsAndItsFamilyEndsRevoked() throws Exception {
        OIDCTokens first = signInWithOfflineAccess(RP, RP_CALLBACK, sessionToken(RP_AUDIENCE));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<TokenResponse> refresh = () -> {
            ready.countDown();
            go.await();
            return token(rpCredentials(), new RefreshTokenGrant(first.getRefreshToken()));
        };
        try {
            Future<TokenResponse> one = clients.submit(refresh);
            Future<TokenResponse> two = clients.submit(refresh);
            ready.await();
            go.countDown();
            List<TokenResponse> responses = List.of(one.get(), two.get());

            // Whether the second use lost the race or came after the first: it is refused, and it revokes.
            assertThat(responses).filteredOn(TokenResponse::indicatesSuccess).hasSizeLessThanOrEqualTo(1);
            responses.stream().filter((response) -> !response.indicatesSuccess()).forEach(RefreshTokensIT::assertInvalidGrant);
            for (TokenResponse response : responses) {
                if (response.indicatesSuccess()) {
                    OIDCTokens won = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
                    assertInvalidGrant(token(rpCredentials(), new RefreshTokenGrant(won.getRefreshToken())));
                    assertThat(active(won.getAccessToken())).isFalse();
                }
            }
        }
        finally {
            clients.shutdownNow();
        }
    }

    @Test
    void nativeClientRefreshesNamingItselfOnlyAndItsTokensRotateToo() throws Exception {
        OIDCTokens first = signInWithOfflineAccess(CLI, URI.create("http://127.0.0.1:61000/callback"),
                sessionToken("cli"));

        TokenResponse refreshed = publicToken(CLI, new RefreshTokenGrant(first.getRefreshToken()));

        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
        OIDCTokens second = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens();
        assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
        assertInvalidGrant(publicToken(CLI, new RefreshTokenGrant(first.getRefreshToken())));
        assertInvalidGrant(publicToken(CLI, new RefreshTokenGrant(second.getRefreshToken())));
    }

    @Test
    void refreshTokenOfAnotherClientThenRefused() throws Exception {
        OIDCTokens rp = signInWithOfflineAccess(RP, RP_CALLBACK, sessionToken(RP_AUDIENCE));

        TokenResponse response = publicToken(CLI, new RefreshTokenGrant(rp.getRefreshToken()));

        assertInvalidGrant(response);
    }

    @Test
    void publicClientWithoutRefreshGrantCannotRefreshNamingItself() throws Exception {
        OIDCTokens rp = signInWithOfflineAccess(RP, RP_CALLBACK, sessionToken(RP_AUDIENCE));

        // rp is confidential: naming itself without its secret is no authentication.
        TokenResponse response = publicToken(RP, new RefreshTokenGrant(rp.getRefreshToken()));

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_CLIENT.getCode());
    }

    private OIDCTokens signInWithOfflineAccess(ClientID client, URI redirect, TestSessionTokens login)
            throws Exception {
        Flow flow = flow(client, redirect, (request) -> request.scope(OFFLINE));
        TokenResponse response = exchange(flow, success(flow, signIn(flow, login.sign())).getAuthorizationCode(),
                RP.equals(client) ? rpCredentials() : null);
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        OIDCTokens tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        assertThat(tokens.getRefreshToken()).isNotNull();
        return tokens;
    }

    private OIDCTokens refresh(ClientID client, @Nullable RefreshToken refreshToken) throws Exception {
        TokenResponse response = RP.equals(client) ? token(rpCredentials(), new RefreshTokenGrant(refreshToken))
                : publicToken(client, new RefreshTokenGrant(refreshToken));
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    private boolean active(AccessToken accessToken) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(local("/oauth2/introspect"),
                rpCredentials(), accessToken).toHTTPRequest().send()).toSuccessResponse().isActive();
    }

    private static void assertInvalidGrant(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
    }
}
