package io.qrlogin.oidc;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A client with require-consent: the user consents once to its scopes; the consent is kept in Redis. */
class ConsentIT extends InProcessProvider {

    private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

    @Test
    void clientThatRequiresConsentThenTheUserConsentsOnceAfterTheQrLogin() throws Exception {
        Flow flow = flow(PARTNER, PARTNER_CALLBACK);
        HttpResponse<String> start = this.browser.get(flow.request());
        HttpResponse<String> handoff = handOver(this.browser.get(Browser.location(start)),
                sessionToken("partner").sign());
        HttpResponse<String> consentPage = this.browser.get(Browser.location(handoff));

        assertThat(consentPage.statusCode()).isEqualTo(200);
        assertThat(consentPage.body()).contains("Consent required", "partner", "value=\"profile\"");
        Matcher state = STATE.matcher(consentPage.body());
        assertThat(state.find()).isTrue();
        HttpResponse<String> consent = this.browser.post(local("/oauth2/authorize"),
                Map.of("client_id", "partner", "state", state.group(1), "scope", "profile"));

        assertThat(consent.statusCode()).isEqualTo(302);
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(flow,
                success(flow, Browser.location(consent)).getAuthorizationCode(),
                new ClientSecretBasic(PARTNER, RP_SECRET)).toSuccessResponse();
        assertThat(idTokenValidator(PARTNER).validate(tokens.getOIDCTokens().getIDToken(), flow.nonce())
            .getStringClaim("name")).isEqualTo(TestSessionTokens.ALICE_NAME);

        Flow again = flow(PARTNER, PARTNER_CALLBACK);
        HttpResponse<String> remembered = this.browser.get(again.request());
        assertThat(remembered.statusCode()).isEqualTo(302);
        assertThat(success(again, Browser.location(remembered)).getAuthorizationCode()).isNotNull();
    }
}
