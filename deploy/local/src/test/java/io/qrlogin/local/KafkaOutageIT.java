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
 * The Kafka broker stops mid-flow, for longer than the producers retry, and comes back: the confirm
 * succeeds in Redis, its event is lost for good, and the browser still learns it — its gateway re-reads
 * the tickets its sockets follow once it is connected to Kafka again. Meanwhile every service stays ready
 * (the outage is partial, not total) and a whole login completes through the timed re-read. Consumers
 * resume by themselves.
 */
class KafkaOutageIT {

    private static final Duration PUSH = Duration.ofSeconds(10);

    @BeforeAll
    static void startTheSystem() {
        FaultSystem.get();
    }

    @Test
    void brokerDownWhenTheUserConfirmsThenTheBrowserStillSignsInOnceItIsBack() throws Exception {
        String gateway = FaultSystem.get().gatewayNames().get(1);
        LoginClient client = new LoginClient(FaultSystem.url(gateway));
        Minted ticket = client.mint();
        Watch socket = client.watch(ticket.qrId(), ticket.verifier());
        String dave = client.appToken("dave");
        assertThat(client.scan(ticket.qrId(), dave).status()).isEqualTo(200);
        await().atMost(PUSH).until(() -> socket.has("SCANNED"));

        FaultSystem.get().stop("kafka");
        try {
            // First, while dave's ticket waits scanned (minutes): a confirmed one must be redeemed within 30 s.
            everyServiceStaysReadyWhileItsHealthShowsKafkaDown();
            aWholeLoginCompletesThroughTheResync();
            long lost = FaultSystem.timesLogged("scan-service", "Could not publish CONFIRMED");
            LoginClient.Response confirmed = client.confirm(ticket.qrId(), dave);
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.body()).containsEntry("state", "CONFIRMED");
            await().atMost(Duration.ofSeconds(30))
                .until(() -> FaultSystem.timesLogged("scan-service", "Could not publish CONFIRMED") > lost);
            assertThat(socket.states()).as("the event is lost").containsExactly("PENDING", "SCANNED");
        }
        finally {
            FaultSystem.get().start("kafka");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> socket.has("CONFIRMED"));
        assertThat(socket.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(socket.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
        assertThat(client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
        FaultSystem.awaitAllReady(Duration.ofSeconds(60));

        FaultSystem.scansArePushedThrough(FaultSystem.get().gatewayNames(), client, "erin", PUSH);
    }

    /**
     * Readiness says whether a pod can serve, and every pod still can: a readiness that included Kafka
     * would take every pod out of its Service at once. Kafka's outage stays visible in the whole health
     * of each service that talks to it (oidc-provider does not).
     */
    private static void everyServiceStaysReadyWhileItsHealthShowsKafkaDown() {
        for (String service : FaultSystem.services()) {
            if (service.equals("oidc-provider")) {
                continue;
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> FaultSystem.health(service) == 503);
        }
        for (String service : FaultSystem.services()) {
            assertThat(FaultSystem.readiness(service)).as("readiness of %s while Kafka is down", service).isEqualTo(200);
        }
    }

    /**
     * A login from start to finish while the broker is still down, on the gateway that re-reads the tickets
     * its sockets follow: every event is lost, and the browser hears each state through the re-read.
     */
    private static void aWholeLoginCompletesThroughTheResync() throws Exception {
        LoginClient client = new LoginClient(FaultSystem.url(FaultSystem.resyncingGateway()));
        Duration resync = FaultSystem.RESYNC_INTERVAL.multipliedBy(3);
        Minted ticket = client.mint();
        Watch socket = client.watch(ticket.qrId(), ticket.verifier());
        await().atMost(resync).until(() -> socket.has("PENDING"));
        String frank = client.appToken("frank");
        assertThat(client.scan(ticket.qrId(), frank).status()).isEqualTo(200);
        await().atMost(resync).until(() -> socket.has("SCANNED"));
        assertThat(client.confirm(ticket.qrId(), frank).status()).isEqualTo(200);
        await().atMost(resync).until(() -> socket.has("CONFIRMED"));
        assertThat(client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
        socket.close();
    }
}
