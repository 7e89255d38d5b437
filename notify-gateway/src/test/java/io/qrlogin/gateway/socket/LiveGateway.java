package io.qrlogin.gateway.socket;

import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.TicketEventPublisher;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.gateway.NotifyGatewayApplication;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.TestInfrastructure;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestRedis;
import io.qrlogin.testing.TestTickets;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every socket IT stands on: a real gateway on a random port (each subclass names its own
 * {@code @SpringBootTest} properties), the shared test Redis and Kafka, tickets in that Redis, and the
 * services' way of announcing a transition.
 */
abstract class LiveGateway {

    static final String ORIGIN = "https://login.example.com";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    TicketEventPublisher events;

    final RedisTicketStore store = RedisTickets.store();

    final String verifier = TestTickets.verifier();

    /** Announces a transition the way the services do: {@code TicketEvent.of(transition)}, keyed by qrId. */
    Mono<Void> announce(Transition transition) {
        return this.events.publishAll(TicketEvent.of(transition));
    }

    void moveAndAnnounce(Mono<Transition> transition) {
        transition.flatMap(this::announce).block();
    }

    /** Another gateway instance on the same Redis and Kafka, as a second pod would be. */
    static ConfigurableApplicationContext startAnotherInstance() {
        return new SpringApplicationBuilder(NotifyGatewayApplication.class).run("--server.port=0",
                // Not the default 9080: a local system may be running on this machine.
                "--management.server.port=0",
                "--spring.data.redis.url=" + TestRedis.url(), "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--qrlogin.events.topic=" + TestKafka.EVENTS_TOPIC, "--qrlogin.gateway.allowed-origins=" + ORIGIN);
    }

    static long expiredEvents(EventRecorder recorder, Ticket ticket) {
        return recorder.eventsFor(ticket.qrId()).stream().filter((event) -> "EXPIRED".equals(event.get("type"))).count();
    }
}
