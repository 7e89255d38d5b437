package io.qrlogin.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker freezes mid-login (SIGSTOP: its connections stay open and nothing answers on them,
 * as with a hung broker or a network partition) — unlike a stopped broker, which refuses connections at
 * once. The services answer while their events wait in the producers, and the browser still hears each
 * change within one resync interval: its gateway re-reads the tickets its sockets follow on a timer that
 * waits for nothing from Kafka. Once the broker runs again, events reach every gateway again.
 */
class FrozenBrokerIT {

    /** How long a push may take on a busy machine, when events flow. */
    private static final Duration PUSH = Duration.ofSeconds(10);

    /**
     * One resync interval, and a margin for the read and the push on a busy machine: a change made while
     * no event can arrive is heard within this.
     */
    private static final Duration WITHIN_ONE_RESYNC = FaultSystem.RESYNC_INTERVAL.plusSeconds(3);

    @BeforeAll
    static void startTheSystem() {
        FaultSystem.get();
    }

    @Test
    void brokerFrozenThenTheBrowserHearsEachStateWithinOneResyncIntervalAndEventsFlowOnceItRunsAgain()
            throws Exception {
        String gateway = FaultSystem.resyncingGateway();
        LoginClient client = new LoginClient(FaultSystem.url(gateway));
        String heidi = client.appToken("heidi");
        // Every producer holds the topic's metadata, as in a system that has been serving for a while.
        loginCompletes(client, heidi);
        long cutOff = FaultSystem.timesLogged(gateway, "Kafka does not answer");
        long back = FaultSystem.timesLogged(gateway, "Kafka answers again");

        try (FaultSystem.Frozen frozen = FaultSystem.freezeKafka()) {
            Minted ticket = client.mint();
            assertThat(ticket.response().status()).isEqualTo(201);
            Watch socket = client.watch(ticket.qrId(), ticket.verifier());
            await().atMost(PUSH).until(() -> socket.has("PENDING"));

            assertThat(client.scan(ticket.qrId(), heidi).status()).isEqualTo(200);
            await("SCANNED without its event").atMost(WITHIN_ONE_RESYNC).until(() -> socket.has("SCANNED"));
            assertThat(client.confirm(ticket.qrId(), heidi).status()).isEqualTo(200);
            await("CONFIRMED without its event").atMost(WITHIN_ONE_RESYNC).until(() -> socket.has("CONFIRMED"));

            assertThat(socket.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(socket.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
            assertThat(client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
            await("the gateway sees that the frozen broker does not answer").atMost(Duration.ofSeconds(30))
                .until(() -> FaultSystem.timesLogged(gateway, "Kafka does not answer") > cutOff);
        }

        await("the gateway sees the broker answer again").atMost(Duration.ofSeconds(60))
            .until(() -> FaultSystem.timesLogged(gateway, "Kafka answers again") > back);
        FaultSystem.awaitAllReady(Duration.ofSeconds(120));
        FaultSystem.scansArePushedThrough(FaultSystem.reconnectOnlyGateways(), client, "ivan", PUSH);
    }

    private static void loginCompletes(LoginClient client, String appToken) throws Exception {
        Minted ticket = client.mint();
        assertThat(ticket.response().status()).isEqualTo(201);
        Watch socket = client.watch(ticket.qrId(), ticket.verifier());
        assertThat(client.scan(ticket.qrId(), appToken).status()).isEqualTo(200);
        assertThat(client.confirm(ticket.qrId(), appToken).status()).isEqualTo(200);
        assertThat(socket.closed().get(PUSH.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
    }
}
