package io.qrlogin.oidc.device;

import java.io.IOException;

import io.qrlogin.oidc.StubHttpServer;
import io.qrlogin.oidc.device.SessionRedeemer.Redemption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What session-service's answers mean to the device grant; a stub server plays session-service. */
class SessionRedeemerTest {

    @RegisterExtension
    final StubHttpServer sessionService = new StubHttpServer("/api/session/redeem");

    @Test
    void redeemWhenConfirmedThenTheSessionTokenFromTheDeviceCodeAsVerifier() throws IOException {
        SessionRedeemer redeemer = answering(200, "{\"accessToken\":\"eyJ.session.token\",\"tokenType\":\"Bearer\"}");

        assertThat(redeemer.redeem("qr-id", "device-code")).isEqualTo(new Redemption.Redeemed("eyJ.session.token"));
        assertThat(this.sessionService.lastBody()).contains("\"qrId\":\"qr-id\"").contains("\"codeVerifier\":\"device-code\"");
    }

    @Test
    void redeemWhenRefusedThenTheProblemsCode() throws IOException {
        SessionRedeemer redeemer = answering(410,
                "{\"type\":\"about:blank\",\"status\":410,\"code\":\"qr_cancelled\",\"title\":\"QR code cancelled\"}");

        assertThat(redeemer.redeem("qr-id", "device-code")).isEqualTo(new Redemption.Refused("qr_cancelled"));
    }

    @Test
    void redeemWhenTheAnswerSaysNothingOfTheTicketThenUnavailable() throws IOException {
        assertThat(answering(200, "{}").redeem("qr-id", "device-code")).isEqualTo(new Redemption.Unavailable());
        assertThat(answering(502, "<html>Bad gateway</html>").redeem("qr-id", "device-code"))
            .isEqualTo(new Redemption.Unavailable());
    }

    @Test
    void redeemWhenSessionServiceIsDownThenUnavailable() throws IOException {
        SessionRedeemer redeemer = new SessionRedeemer(StubHttpServer.unreachable());

        assertThat(redeemer.redeem("qr-id", "device-code")).isEqualTo(new Redemption.Unavailable());
    }

    @Test
    void redeemedNeverPrintsTheToken() {
        assertThat(new Redemption.Redeemed("eyJ.session.token").toString()).doesNotContain("eyJ");
    }

    private SessionRedeemer answering(int status, String body) throws IOException {
        return new SessionRedeemer(this.sessionService.answering(status, body));
    }
}
