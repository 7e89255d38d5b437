package io.qrlogin.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Response;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops mid-flow and comes back (with its data, as a persistent Redis does): meanwhile every call
 * that needs it is a quick 503 {@code unavailable}, never a hang nor a 500, and every service reports
 * not ready; a service started meanwhile starts anyway. Afterwards everything recovers by itself and
 * every ticket is as it was.
 */
class RedisOutageIT {

    private static final Duration PUSH = Duration.ofSeconds(10);

    @BeforeAll
    static void startTheSystem() {
        FaultSystem.get();
    }

    @Test
    void redisDownThenUnavailableAndNotReadyThenRecoveryWithEveryTicketIntact() throws Exception {
        LoginClient client = new LoginClient(FaultSystem.url(FaultSystem.get().gatewayNames().get(0)));
        String frank = client.appToken("frank");
        Minted scanned = client.mint();
        Watch socket = client.watch(scanned.qrId(), scanned.verifier());
        assertThat(client.scan(scanned.qrId(), frank).status()).isEqualTo(200);
        await().atMost(PUSH).until(() -> socket.has("SCANNED"));
        Minted pending = client.mint();

        FaultSystem.get().stop("redis");
        try {
            assertUnavailable(client.post("/api/qr", null, java.util.Map.of("codeChallenge",
                    LoginClient.challenge(LoginClient.verifier()), "codeChallengeMethod", "S256")));
            assertUnavailable(client.confirm(scanned.qrId(), frank));
            assertUnavailable(client.scan(pending.qrId(), frank));
            assertUnavailable(client.redeem(scanned.qrId(), scanned.verifier()));
            for (String service : FaultSystem.services()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> FaultSystem.readiness(service) == 503);
            }

            FaultSystem.get().restart("qr-service");
            await("started without Redis, not ready").atMost(Duration.ofSeconds(30))
                .until(() -> FaultSystem.readiness("qr-service") == 503);
            assertUnavailable(client.post("/api/qr", null, java.util.Map.of("codeChallenge",
                    LoginClient.challenge(LoginClient.verifier()), "codeChallengeMethod", "S256")));
        }
        finally {
            FaultSystem.get().start("redis");
        }
        FaultSystem.awaitAllReady(Duration.ofSeconds(60));

        assertThat(client.confirm(scanned.qrId(), frank).status()).isEqualTo(200);
        await().atMost(PUSH).until(() -> socket.has("CONFIRMED"));
        assertThat(socket.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(socket.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
        Response redeemed = client.redeem(scanned.qrId(), scanned.verifier());
        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(client.redeem(scanned.qrId(), scanned.verifier()).code()).isEqualTo("qr_already_redeemed");

        Response pendingScanned = client.scan(pending.qrId(), frank);
        assertThat(pendingScanned.status()).isEqualTo(200);
        assertThat(pendingScanned.body()).containsEntry("state", "SCANNED");
        assertThat(client.mint().response().status()).isEqualTo(201);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("unavailable");
    }
}
