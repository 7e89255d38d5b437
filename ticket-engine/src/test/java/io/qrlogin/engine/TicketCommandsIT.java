package io.qrlogin.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.kafka.KafkaTicketEventPublisher;
import io.qrlogin.engine.kafka.TicketEventCodec;
import io.qrlogin.engine.observability.TicketMetrics;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestTickets;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BROWSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ticket commands against a real Redis and a real Kafka: what reaches the event stream when callers
 * repeat themselves or race, read back as any consumer reads it.
 */
class TicketCommandsIT {

    private static DefaultKafkaProducerFactory<String, TicketEvent> producers;

    private static TicketEventPublisher events;

    private final RedisTicketStore store = RedisTickets.store();

    private final TicketCommands commands = new TicketCommands(this.store, events);

    private final String verifier = TestTickets.verifier();

    @BeforeAll
    static void publishToTheTestTopic() {
        producers = new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                        "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new TicketEventCodec(JsonMapper.builder().build()).serializer());
        events = new KafkaTicketEventPublisher(new KafkaTemplate<>(producers), TestKafka.EVENTS_TOPIC, Duration.ofSeconds(10),
                TicketMetrics.none());
    }

    @AfterAll
    static void closeTheProducer() {
        producers.destroy();
    }

    @Test
    void wholeLoginWithRepeatsThenEachStepAnnouncedOnceInOrder() throws Exception {
        try (EventRecorder recorder = EventRecorder.start()) {
            Ticket ticket = this.commands.mint(TestTickets.qrId(), "web", Pkce.s256(this.verifier), BROWSER, false)
                .block();
            for (int i = 0; i < 2; i++) {
                this.commands.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
                this.commands.verify(ticket.qrId(), this.verifier).block();
                this.commands.confirm(ticket.qrId(), ALICE, null).block();
            }
            assertThat(this.commands.redeem(ticket.qrId(), this.verifier).block()).isInstanceOf(Transition.Applied.class);
            assertThat(this.commands.redeem(ticket.qrId(), this.verifier).block())
                .isInstanceOfSatisfying(Transition.Rejected.class,
                        (refused) -> assertThat(refused.reason()).isEqualTo(ProblemCode.QR_ALREADY_REDEEMED));

            assertThat(typesOnceSettled(recorder, ticket, 4)).containsExactly("ISSUED", "SCANNED", "CONFIRMED", "REDEEMED");
        }
    }

    @Test
    void confirmedTicketDeclinedByTheBrowserThenCancelledAnnouncedOnce() throws Exception {
        try (EventRecorder recorder = EventRecorder.start()) {
            Ticket ticket = scannedByAlice(false);
            this.commands.confirm(ticket.qrId(), ALICE, null).block();

            assertThat(this.commands.decline(ticket.qrId(), this.verifier).block()).isInstanceOf(Transition.Applied.class);
            assertThat(this.commands.decline(ticket.qrId(), this.verifier).block())
                .isInstanceOfSatisfying(Transition.Applied.class, (repeat) -> assertThat(repeat.changed()).isFalse());

            assertThat(typesOnceSettled(recorder, ticket, 4)).containsExactly("ISSUED", "SCANNED", "CONFIRMED",
                    "CANCELLED");
        }
    }

    @Test
    void fiftyConcurrentConfirmsWithWrongMatchCodesThenOneMismatchAndOneCancelledAnnounced() throws Exception {
        try (EventRecorder recorder = EventRecorder.start()) {
            Ticket ticket = scannedByAlice(true);

            List<Transition> outcomes = concurrently(50,
                    (i) -> this.commands.confirm(ticket.qrId(), ALICE, Integer.toString(43 + i)));

            assertThat(outcomes).extracting((outcome) -> ((Transition.Rejected) outcome).reason())
                .containsOnly(ProblemCode.MATCH_CODE_MISMATCH, ProblemCode.QR_CANCELLED)
                .filteredOn(ProblemCode.MATCH_CODE_MISMATCH::equals).hasSize(1);
            assertThat(typesOnceSettled(recorder, ticket, 3)).containsExactly("ISSUED", "SCANNED", "CANCELLED");
        }
    }

    @Test
    void manyCallersFindTheTicketExpiredThenOneExpiredAnnounced() throws Exception {
        TicketCommands shortLived = new TicketCommands(RedisTickets.store(new TicketLifetimes(Duration.ofMillis(1), null, null)),
                events);
        try (EventRecorder recorder = EventRecorder.start()) {
            Ticket ticket = shortLived.mint(TestTickets.qrId(), "web", Pkce.s256(this.verifier), BROWSER, false).block();
            await().until(() -> this.store.find(ticket.qrId()).block().state().isTerminal());

            List<Transition> outcomes = concurrently(30, (i) -> switch (i % 3) {
                case 0 -> shortLived.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE);
                case 1 -> shortLived.verify(ticket.qrId(), this.verifier);
                default -> shortLived.expire(ticket.qrId());
            });

            assertThat(outcomes).filteredOn(Transition::expiredNow).hasSize(1);
            assertThat(typesOnceSettled(recorder, ticket, 2)).containsExactly("ISSUED", "EXPIRED");
        }
    }

    /**
     * The types of {@code ticket}'s events once {@code expected} of them arrived and a later marker ticket's
     * event did too, so that an extra event of the ticket would have been seen.
     */
    /** A browser's ticket, minted and scanned by Alice through the commands (so both are announced). */
    private Ticket scannedByAlice(boolean numberMatching) {
        Ticket ticket = this.commands.mint(TestTickets.qrId(), "web", Pkce.s256(this.verifier), BROWSER, numberMatching)
            .block();
        this.commands.scan(ticket.qrId(), ALICE, "42").block();
        return ticket;
    }

    private List<Object> typesOnceSettled(EventRecorder recorder, Ticket ticket, int expected) {
        await().until(() -> recorder.eventsFor(ticket.qrId()).size() >= expected);
        Ticket marker = this.commands.mint(TestTickets.qrId(), "web", Pkce.s256(this.verifier), BROWSER, false).block();
        await().until(() -> !recorder.eventsFor(marker.qrId()).isEmpty());
        return recorder.eventsFor(ticket.qrId()).stream().map((event) -> event.get("type")).toList();
    }

    private static List<Transition> concurrently(int callers, IntFunction<Mono<Transition>> call) {
        return Flux.fromStream(IntStream.range(0, callers).boxed())
            .flatMap((i) -> Mono.defer(() -> call.apply(i)).subscribeOn(Schedulers.parallel()), callers)
            .collectList()
            .block(Duration.ofSeconds(30));
    }
}
