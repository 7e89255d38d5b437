package io.qrlogin.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Response;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four services as real processes with a real Redis and Kafka, driven only through the
 * gateway, over HTTP and the WebSocket, as a browser and a phone app would.
 */
class WholeSystemIT {

    private static final Duration PENDING = SharedSystem.PENDING;

    private static final Duration PUSH = SharedSystem.PUSH;

    private final LoginClient client = SharedSystem.client();

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    @Test
    void loginWhenScannedAndConfirmedThenBrowserRedeemsAVerifiableSessionToken() throws Exception {
        Minted ticket = SharedSystem.mint();
        Watch browser = this.client.watchUntilPending(ticket, PUSH);
        String alice = this.client.appToken("alice");

        Response scanned = this.client.scan(ticket.qrId(), alice);
        assertThat(scanned.status()).isEqualTo(200);
        Map<String, Object> request = scanned.map("request");
        assertThat(request).containsEntry("clientId", "web").containsEntry("ip", "127.0.0.1")
            .containsEntry("sameNetwork", true).containsKeys("clientName", "userAgent", "requestedAt");
        Map<String, Object> scannedPush = browser.awaitState("SCANNED", PUSH);
        assertThat(scannedPush.get("scannedBy")).isEqualTo(Map.of("name", "Alice"));

        assertThat(this.client.confirm(ticket.qrId(), alice).status()).isEqualTo(200);
        browser.awaitState("CONFIRMED", PUSH);
        assertThat(browser.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        Response redeemed = this.client.redeem(ticket.qrId(), ticket.verifier());
        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemed.body()).containsEntry("tokenType", "Bearer").containsKeys("expiresIn", "sessionId");
        assertThat(redeemed.map("user")).containsEntry("sub", "alice").containsEntry("name", "Alice");
        String token = (String) redeemed.body().get("accessToken");
        JWTClaimsSet claims = verifyWithPublishedKeys(token);
        assertThat(claims.getIssuer()).isEqualTo(this.client.baseUrl());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("web");
        assertThat(claims.getStringListClaim("amr")).containsExactly("qr");
        assertThat(claims.getStringClaim("sid")).isEqualTo(redeemed.body().get("sessionId"));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getLongClaim("auth_time")).isNotNull();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(60));
        assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");

        Response me = this.client.get("/api/session/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).containsEntry("sub", "alice").containsEntry("name", "Alice")
            .containsEntry("sessionId", redeemed.body().get("sessionId")).containsEntry("amr", List.of("qr"));

        Response replay = this.client.redeem(ticket.qrId(), ticket.verifier());
        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.body()).containsEntry("code", "qr_already_redeemed");

        assertThat(this.client.post("/api/session/logout", token, null).status()).isEqualTo(204);
        Response afterLogout = this.client.get("/api/session/me", token);
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.body()).containsEntry("code", "unauthorized");
    }

    @Test
    void cancelWhenScannedThenBrowserLearnsItAndCannotRedeem() throws Exception {
        Minted ticket = SharedSystem.mint();
        Watch browser = this.client.watch(ticket.qrId(), ticket.verifier());
        String bob = this.client.appToken("bob");
        assertThat(this.client.scan(ticket.qrId(), bob).status()).isEqualTo(200);
        browser.awaitState("SCANNED", PUSH);

        Response cancelled = this.client.cancel(ticket.qrId(), bob);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("state", "CANCELLED");
        browser.awaitState("CANCELLED", PUSH);
        assertThat(browser.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        Response redeem = this.client.redeem(ticket.qrId(), ticket.verifier());
        assertThat(redeem.status()).isEqualTo(410);
        assertThat(redeem.body()).containsEntry("code", "qr_cancelled");
    }

    @Test
    void expiryWhenNobodyScansThenPushedOnTimeWithoutAnyCall() throws Exception {
        Minted ticket = SharedSystem.mint();
        Instant expiresAt = ticket.expiresAt();
        Watch browser = this.client.watchUntilPending(ticket, PUSH);

        Map<String, Object> expired = browser.awaitState("EXPIRED", PENDING.plusSeconds(5));
        assertThat(browser.receivedAt("EXPIRED")).isBefore(expiresAt.plusMillis(1500));
        assertThat(expired.get("qrId")).isEqualTo(ticket.qrId());
        assertThat(browser.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        Response late = this.client.scan(ticket.qrId(), this.client.appToken("carol"));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).containsEntry("code", "qr_expired");
    }

    private JWTClaimsSet verifyWithPublishedKeys(String token) throws Exception {
        JWKSet keys = JWKSet.parse(this.client.get("/.well-known/jwks.json", null).body());
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is published").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }
}
