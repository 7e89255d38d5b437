package io.qrlogin.gateway.socket;

import java.time.Duration;
import java.util.List;

import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.EventRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the socket endpoint promises about a socket's life beyond its messages: the gateway forgets a
 * socket the browser closed, and a ticket's expiry is made final and announced once, however many
 * sockets on however many instances wait for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.gateway.allowed-origins=" + SocketLifecycleIT.ORIGIN })
class SocketLifecycleIT extends LiveGateway {

    @Autowired
    private SocketRegistry registry;

    @Test
    void browserClosesItsSocketThenTheGatewayForgetsTheSocketAndItsTicket() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        TestBrowser browser = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier);
        await().until(() -> browser.states().size() == 1);
        assertThat(this.registry.size()).isEqualTo(1);
        assertThat(this.registry.tickets()).isEqualTo(1);

        browser.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.size() == 0 && this.registry.tickets() == 0);
    }

    @Test
    void ticketRunsOutWithSocketsOnTwoInstancesThenEachBrowserGetsExpiredAndTheExpiryIsAnnouncedOnce() throws Exception {
        RedisTicketStore shortLived = RedisTickets.store(new TicketLifetimes(Duration.ofSeconds(3), null, null));
        try (ConfigurableApplicationContext secondInstance = startAnotherInstance()) {
            int secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
            Ticket ticket = RedisTickets.pending(shortLived, this.verifier);
            try (EventRecorder recorder = EventRecorder.start();
                    TestBrowser here = TestBrowser.subscribe(this.port, ORIGIN, ticket.qrId(), this.verifier);
                    TestBrowser there = TestBrowser.subscribe(secondPort, ORIGIN, ticket.qrId(), this.verifier)) {
                for (TestBrowser browser : List.of(here, there)) {
                    assertThat(browser.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
                    assertThat(browser.states()).containsExactly("PENDING", "EXPIRED");
                }

                await().until(() -> expiredEvents(recorder, ticket) >= 1);
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> expiredEvents(recorder, ticket) == 1);
                assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.EXPIRED);
            }
        }
    }

    /** Another gateway instance on the same Redis and Kafka, as a second pod would be. */}
