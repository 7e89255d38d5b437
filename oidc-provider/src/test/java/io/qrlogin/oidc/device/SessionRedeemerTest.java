package io.qrlogin.oidc.device;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.qrlogin.oidc.device.SessionRedeemer.Redemption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What session-service's answers mean to the device grant; a stub server plays session-service. */
class SessionRedeemerTest {

    private final AtomicReference<String> requestBody = new AtomicReference<>();

    private HttpServer server;

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.stop(0);
        }
    }

    @Test
    void redeemWhenConfirmedThenTheSessionTokenFromTheDeviceCodeAsVerifier() throws IOException {
        SessionRedeemer redeemer = answering(200, "{\"accessToken\":\"eyJ.session.token\",\"tokenType\":\"Bearer\"}");

        assertThat(redeemer.redeem("qr-id", "device-code")).isEqualTo(new Redemption.Redeemed("eyJ.session.token"));
        assertThat(this.requestBody.get()).contains("\"qrId\":\"qr-id\"").contains("\"codeVerifier\":\"device-code\"");
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
        this.server.stop(0);
        assertThat(answering(502, "<html>Bad gateway</html>").redeem("qr-id", "device-code"))
            .isEqualTo(new Redemption.Unavailable());
    }

    @Test
    void redeemWhenSessionServiceIsDownThenUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SessionRedeemer redeemer = new SessionRedeemer(URI.create("http://127.0.0.1:" + closed));

        assertThat(redeemer.redeem("qr-id", "device-code")).isEqualTo(new Redemption.Unavailable());
    }

    @Test
    void redeemedNeverPrintsTheToken() {
        assertThat(new Redemption.Redeemed("eyJ.session.token").toString()).doesNotContain("eyJ");
    }

    private SessionRedeemer answering(int status, String body) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/api/session/redeem", (exchange) -> {
            this.requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        this.server.start();
        return new SessionRedeemer(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()));
    }
}
