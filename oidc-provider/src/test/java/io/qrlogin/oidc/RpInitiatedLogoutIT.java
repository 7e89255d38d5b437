package io.qrlogin.oidc;

import java.net.URI;
import java.net.http.HttpResponse;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at {@code /connect/logout}: the relying party
 * sends the browser with its ID token as a hint; the provider ends the browser's provider session and sends
 * it back only to a post-logout URI the client registered, with the client's {@code state}.
 */
class RpInitiatedLogoutIT extends InProcessProvider {

    @Test
    void logoutWithARegisteredPostLogoutUriThenRedirectedThereWithStateAndTheProviderSessionEnded() throws Exception {
        JWT idToken = signIn(RP, RP_CALLBACK);

        assertLoggedOutTo(idToken, RP_SIGNED_OUT);

        assertSignInAskedAgain(RP, RP_CALLBACK);
    }

    @Test
    void logoutEndsTheSingleSignOnOfEveryClientOfThatBrowser() throws Exception {
        JWT idToken = signIn(RP, RP_CALLBACK);

        this.browser.get(logout(idToken, RP_SIGNED_OUT, new State()));

        assertSignInAskedAgain(SPA, SPA_CALLBACK);
    }

    @Test
    void logoutWithAnUnregisteredPostLogoutUriThenRefusedWithoutRedirectAndTheSessionKept() throws Exception {
        JWT idToken = signIn(RP, RP_CALLBACK);

        for (URI unregistered : new URI[] { URI.create("https://attacker.example/signed-out"),
                URI.create("https://rp.example.test/signed-out/other"), RP_CALLBACK,
                // A web client's loopback URIs match exactly; only native clients' match on any port.
                URI.create("http://127.0.0.1:4000/signed-out") }) {
            HttpResponse<String> logout = this.browser.get(logout(idToken, unregistered, new State()));

            assertThat(logout.statusCode()).as(unregistered.toString()).isEqualTo(400);
            assertThat(logout.headers().firstValue("Location")).as(unregistered.toString()).isEmpty();
            assertThat(logout.body()).as(unregistered.toString()).doesNotContain(unregistered.toString());
        }
        Flow again = flow(RP, RP_CALLBACK);
        HttpResponse<String> next = this.browser.get(again.request());
        assertThat(next.statusCode()).as("a refused logout ends nothing").isEqualTo(302);
        assertThat(success(again, Browser.location(next)).getAuthorizationCode()).isNotNull();
    }

    @Test
    void logoutWithAnotherClientsPostLogoutUriThenRefused() throws Exception {
        JWT idToken = signIn(CLI, URI.create("http://127.0.0.1:53117/callback"));

        HttpResponse<String> logout = this.browser.get(logout(idToken, RP_SIGNED_OUT, new State()));

        assertThat(logout.statusCode()).isEqualTo(400);
        assertThat(logout.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void logoutWithAnIdTokenTheProviderNeverIssuedThenRefused() throws Exception {
        signIn(RP, RP_CALLBACK);
        JWT forged = SignedJWT.parse(sessionToken(RP.getValue()).sign());

        HttpResponse<String> logout = this.browser.get(logout(forged, RP_SIGNED_OUT, new State()));

        assertThat(logout.statusCode()).isEqualTo(400);
        assertThat(logout.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void nativeClientsLoopbackPostLogoutUriOnAnyPortThenRedirectedThere() throws Exception {
        JWT idToken = signIn(CLI, URI.create("http://127.0.0.1:53117/callback"));
        URI ephemeral = URI.create("http://127.0.0.1:40123/callback");

        assertLoggedOutTo(idToken, ephemeral);

        assertSignInAskedAgain(CLI, ephemeral);
    }

    @Test
    void nativeClientsLoopbackPostLogoutUriWithAnotherPathThenRefused() throws Exception {
        JWT idToken = signIn(CLI, URI.create("http://127.0.0.1:53117/callback"));

        HttpResponse<String> logout = this.browser.get(logout(idToken, URI.create("http://127.0.0.1:40123/other"),
                new State()));

        assertThat(logout.statusCode()).isEqualTo(400);
        assertThat(logout.headers().firstValue("Location")).isEmpty();
    }

    /** Signs the browser in to {@code client} and answers the ID token the client got. */
    private JWT signIn(ClientID client, URI redirect) throws Exception {
        Flow flow = flow(client, redirect, (request) -> request.scope(new Scope("openid", "profile")));
        String audience = RP.equals(client) ? RP_AUDIENCE : client.getValue();
        TokenResponse response = exchange(flow, success(flow, signIn(flow, sessionToken(audience).sign()))
            .getAuthorizationCode(), RP.equals(client) ? rpCredentials() : null);
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
    }

    /** Logs out with {@code idToken} as the hint and asserts the browser is sent to {@code postLogout} with its state. */
    private void assertLoggedOutTo(JWT idToken, URI postLogout) {
        State state = new State();
        HttpResponse<String> logout = this.browser.get(logout(idToken, postLogout, state));
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(Browser.location(logout)).isEqualTo(URI.create(postLogout + "?state=" + state.getValue()));
    }

    /** No single sign-on any more: the browser's next authorization request shows the QR login page again. */
    private void assertSignInAskedAgain(ClientID client, URI redirect) throws Exception {
        HttpResponse<String> next = this.browser.get(flow(client, redirect).request());
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(Browser.location(next)).isEqualTo(local("/login"));
    }

    private URI logout(JWT idToken, @Nullable URI postLogoutRedirect, State state) {
        return new LogoutRequest(local("/connect/logout"), idToken, postLogoutRedirect, state).toURI();
    }
}
