package io.qrlogin.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway instances on one real Kafka and Redis: each reads every event, so a browser's socket may
 * live on either, whichever instance the app's calls go through; and when the instance holding a
 * socket shuts down, the browser resubscribes on the other and the login completes.
 */
class TwoGatewaysIT {

    private static final Duration PUSH = Duration.ofSeconds(10);

    private static String first;

    private static String second;

    @BeforeAll
    static void startTheSystem() {
        FaultSystem.get();
        first = FaultSystem.get().gatewayNames().get(0);
        second = FaultSystem.get().gatewayNames().get(1);
    }

    @Test
    void changesMadeThroughOneGatewayThenPushedBySocketsOnBoth() throws Exception {
        LoginClient viaFirst = new LoginClient(FaultSystem.url(first));
        Minted ticket = viaFirst.mint();
        Watch onFirst = viaFirst.watch(FaultSystem.url(first), ticket.qrId(), ticket.verifier());
        Watch onSecond = viaFirst.watch(FaultSystem.url(second), ticket.qrId(), ticket.verifier());
        await().atMost(PUSH).until(() -> onFirst.has("PENDING") && onSecond.has("PENDING"));
        String alice = viaFirst.appToken("alice");

        assertThat(viaFirst.scan(ticket.qrId(), alice).status()).isEqualTo(200);
        await().atMost(PUSH).until(() -> onFirst.has("SCANNED") && onSecond.has("SCANNED"));
        LoginClient viaSecond = new LoginClient(FaultSystem.url(second));
        assertThat(viaSecond.confirm(ticket.qrId(), alice).status()).isEqualTo(200);

        assertThat(onFirst.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(onSecond.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(onFirst.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
        assertThat(onSecond.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
        assertThat(viaSecond.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
    }

    @Test
    void gatewayHoldingTheSocketGetsSigtermThenBrowserResubscribesOnTheOtherAndSignsIn() throws Exception {
        LoginClient viaFirst = new LoginClient(FaultSystem.url(first));
        LoginClient viaSecond = new LoginClient(FaultSystem.url(second));
        Minted ticket = viaFirst.mint();
        Watch socket = viaFirst.watch(ticket.qrId(), ticket.verifier());
        String bob = viaSecond.appToken("bob");
        assertThat(viaSecond.scan(ticket.qrId(), bob).status()).isEqualTo(200);
        await().atMost(PUSH).until(() -> socket.has("SCANNED"));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> FaultSystem.get().stop(first));
        try {
            assertThat(socket.closed().get(20, TimeUnit.SECONDS)).as("1001 going away").isEqualTo(1001);
            Watch resubscribed = viaSecond.watch(FaultSystem.url(second), ticket.qrId(), ticket.verifier());
            await().atMost(PUSH).until(() -> resubscribed.has("SCANNED"));

            assertThat(viaSecond.confirm(ticket.qrId(), bob).status()).isEqualTo(200);
            await().atMost(PUSH).until(() -> resubscribed.has("CONFIRMED"));
            assertThat(resubscribed.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(resubscribed.states()).containsExactly("SCANNED", "CONFIRMED");
            LoginClient.Response redeemed = viaSecond.redeem(ticket.qrId(), ticket.verifier());
            assertThat(redeemed.status()).isEqualTo(200);
            assertThat(redeemed.body()).containsKey("accessToken");
        }
        finally {
            stopping.get(60, TimeUnit.SECONDS);
            FaultSystem.get().start(first);
            FaultSystem.awaitAllReady(Duration.ofSeconds(120));
        }
        assertThat(FaultSystem.get().isRunning(first)).isTrue();
        newInstanceThenItsSocketsGetSnapshotsAndChangesAtOnce(viaFirst, viaSecond);
    }

    /** The restarted instance, from its first moment: a snapshot of a ticket that moved on, then its changes. */
    private static void newInstanceThenItsSocketsGetSnapshotsAndChangesAtOnce(LoginClient viaFirst,
            LoginClient viaSecond) throws Exception {
        Minted ticket = viaSecond.mint();
        String carol = viaSecond.appToken("carol");
        assertThat(viaSecond.scan(ticket.qrId(), carol).status()).isEqualTo(200);

        Watch socket = viaFirst.watch(ticket.qrId(), ticket.verifier());
        await().atMost(PUSH).until(() -> socket.has("SCANNED"));
        assertThat(viaSecond.confirm(ticket.qrId(), carol).status()).isEqualTo(200);
        await().atMost(PUSH).until(() -> socket.has("CONFIRMED"));
        assertThat(socket.states()).containsExactly("SCANNED", "CONFIRMED");
    }
}
