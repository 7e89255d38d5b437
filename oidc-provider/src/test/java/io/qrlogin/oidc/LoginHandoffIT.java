package io.qrlogin.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-over of a session token from the login page: only a fresh, unused session token of a QR
 * login, for the audience of the client the browser is signing in to, signs the browser in.
 */
class LoginHandoffIT extends InProcessProvider {

    @Autowired
    private StringRedisTemplate redis;

    @Test
    void sessionTokenForAnotherAudienceThenRefusedAndNotSignedIn() {
        // rp's session tokens carry its configured audience, not its client id.
        assertRefused(flow(RP, RP_CALLBACK), sessionToken("rp").sign());
        assertRefused(flow(RP, RP_CALLBACK), sessionToken("spa").sign());
    }

    @Test
    void sessionTokenIssuedLongerAgoThanTheLoginAllowsThenRefused() {
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE).issuedAgo(Duration.ofMinutes(3)).sign());
    }

    @Test
    void sessionTokenHandedOverTwiceThenTheSecondRefused() throws Exception {
        String token = sessionToken(RP_AUDIENCE).sign();
        Flow first = flow(RP, RP_CALLBACK);
        success(first, signIn(first, token));

        assertRefused(new Browser(), flow(RP, RP_CALLBACK), token);
    }

    @Test
    void sessionTokenNotSignedWithTheSessionKeysThenRefused() {
        ECKey impostor = TestJwks.ec(TestKeys.CURRENT.getKeyID());
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE).key(impostor).sign());
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE).key(TestJwks.ec("unknown")).sign());
        String token = sessionToken(RP_AUDIENCE).sign();
        assertRefused(flow(RP, RP_CALLBACK), token.substring(0, token.lastIndexOf('.') + 1) + "AAAA");
        assertRefused(flow(RP, RP_CALLBACK), "not-a-token");
    }

    @Test
    void sessionTokenSignedWithTheRetiringKeyThenAccepted() throws Exception {
        Flow flow = flow(RP, RP_CALLBACK);

        assertThat(success(flow, signIn(flow, sessionToken(RP_AUDIENCE).key(TestKeys.RETIRING).sign()))
            .getAuthorizationCode()).isNotNull();
    }

    @Test
    void sessionTokenWithoutTheQrMethodThenRefused() {
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE).claims((claims) -> claims.claim("amr", null)).sign());
        assertRefused(flow(RP, RP_CALLBACK),
                sessionToken(RP_AUDIENCE).claims((claims) -> claims.claim("amr", List.of("pwd"))).sign());
    }

    @Test
    void sessionTokenOfAnotherIssuerOrExpiredOrWithoutItsClaimsThenRefused() {
        assertRefused(flow(RP, RP_CALLBACK),
                sessionToken(RP_AUDIENCE).claims((claims) -> claims.issuer("https://elsewhere.example")).sign());
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE)
            .claims((claims) -> claims.expirationTime(Date.from(new Date().toInstant().minusSeconds(120)))).sign());
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE).claims((claims) -> claims.claim("sid", null)).sign());
        assertRefused(flow(RP, RP_CALLBACK), sessionToken(RP_AUDIENCE).claims((claims) -> claims.jwtID(null)).sign());
    }

    @Test
    void providersOwnIdTokenThenRefusedEvenForItsAudience() throws Exception {
        Flow flow = flow(SPA, SPA_CALLBACK);
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(flow,
                success(flow, signIn(flow, sessionToken("spa").sign())).getAuthorizationCode(), null).toSuccessResponse();
        String idToken = tokens.getOIDCTokens().getIDTokenString();

        assertRefused(new Browser(), flow(SPA, SPA_CALLBACK), idToken);
    }

    @Test
    void handOverWithoutTheCsrfTokenThenForbidden() {
        this.browser.get(flow(RP, RP_CALLBACK).request());
        this.browser.get(local("/login"));

        HttpResponse<String> response = this.browser.post(local("/login/qr"),
                Map.of("session_token", sessionToken(RP_AUDIENCE).sign()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void loginPageWithoutAPendingAuthorizationThenSaysSoWithNoForm() {
        HttpResponse<String> page = this.browser.get(local("/login"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("No sign-in in progress").doesNotContain("<form");
    }

    @Test
    void loginGivesTheBrowserANewSessionId() {
        Flow flow = flow(RP, RP_CALLBACK);
        this.browser.get(flow.request());
        HttpResponse<String> page = this.browser.get(local("/login"));
        String before = this.browser.cookie("QRLOGIN_OP");

        HttpResponse<String> handoff = handOver(page, sessionToken(RP_AUDIENCE).sign());

        assertThat(handoff.statusCode()).isEqualTo(302);
        assertThat(before).isNotNull();
        assertThat(this.browser.cookie("QRLOGIN_OP")).isNotNull().isNotEqualTo(before);
    }

    @Test
    void providerSessionLivesInRedisSoAnyInstanceKnowsTheBrowser() {
        Flow flow = flow(RP, RP_CALLBACK);
        signIn(flow, sessionToken(RP_AUDIENCE).sign());

        String sessionId = new String(Base64.getDecoder().decode(this.browser.cookie("QRLOGIN_OP")),
                StandardCharsets.UTF_8);

        assertThat(this.redis.hasKey("qrlogin:oidc:session:sessions:" + sessionId)).isTrue();
    }

    @Test
    void behindTheGatewayTheLoginPageIsOnThePublicOrigin() {
        this.browser.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "login.example.test")
            .header("X-Forwarded-Port", "443");

        HttpResponse<String> start = this.browser.get(flow(RP, RP_CALLBACK).request());

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(Browser.location(start)).isEqualTo(URI.create(ISSUER + "/login"));
    }

    private void assertRefused(Flow flow, String token) {
        assertRefused(this.browser, flow, token);
    }

    /** {@code token} handed over for {@code flow} is refused, and the browser stays signed out. */
    private void assertRefused(Browser browser, Flow flow, String token) {
        HttpResponse<String> start = browser.get(flow.request());
        assertThat(Browser.location(start)).isEqualTo(local("/login"));
        HttpResponse<String> page = browser.get(local("/login"));

        HttpResponse<String> handoff = handOver(browser, page, token);

        assertThat(handoff.statusCode()).isEqualTo(401);
        assertThat(handoff.headers().firstValue("Location")).isEmpty();
        assertThat(handoff.body()).contains("Sign-in failed");
        assertThat(Browser.location(browser.get(flow(RP, RP_CALLBACK).request()))).as("still signed out")
            .isEqualTo(local("/login"));
    }
}
