package io.qrlogin.gateway.events;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The re-read of the sockets' tickets, on a virtual clock: each case says exactly when a re-read runs.
 */
class ResyncSchedulerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private final RecordedChanges changes = new RecordedChanges();

    private ResyncScheduler scheduler;

    @AfterEach
    void stop() {
        if (this.scheduler != null) {
            this.scheduler.stop();
        }
        this.clock.dispose();
    }

    @Test
    void startedThenFollowedTicketsAreReReadEveryIntervalUntilStopped() {
        start(this.changes, Mono.just(true));

        this.clock.advanceTimeBy(INTERVAL.minusMillis(1));
        assertThat(this.changes.resyncs()).isZero();
        this.clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(this.changes.resyncs()).isEqualTo(1);
        this.clock.advanceTimeBy(INTERVAL.multipliedBy(2));
        assertThat(this.changes.resyncs()).isEqualTo(3);

        this.scheduler.stop();
        this.clock.advanceTimeBy(INTERVAL.multipliedBy(3));
        assertThat(this.changes.resyncs()).isEqualTo(3);
        assertThat(this.scheduler.isRunning()).isFalse();
    }

    @Test
    void brokerCheckNeverReturnsThenFollowedTicketsAreStillReReadEveryInterval() {
        // A frozen broker: the connection is open, the check is sent, no answer ever comes.
        start(this.changes, Mono.never());

        this.clock.advanceTimeBy(INTERVAL.multipliedBy(3));

        assertThat(this.changes.resyncs()).isEqualTo(3);
    }

    @Test
    void brokerCheckFailsThenFollowedTicketsAreStillReReadEveryInterval() {
        start(this.changes, Mono.error(new IllegalStateException("Kafka is down")));

        this.clock.advanceTimeBy(INTERVAL.multipliedBy(3));

        assertThat(this.changes.resyncs()).isEqualTo(3);
    }

    @Test
    void brokerAnswersAgainAfterItDidNotThenReadAtOnceWithoutWaitingForTheInterval() {
        // One check every CHECK_INTERVAL from the start, all within the first INTERVAL.
        Iterator<Boolean> answers = List.of(true, false, true).iterator();
        start(this.changes, Mono.fromSupplier(() -> answers.hasNext() ? answers.next() : true));

        this.clock.advanceTimeBy(ResyncScheduler.CHECK_INTERVAL);
        assertThat(this.changes.resyncs()).as("answering from the start, then silent: nothing to read yet").isZero();

        this.clock.advanceTimeBy(ResyncScheduler.CHECK_INTERVAL);
        assertThat(this.changes.resyncs()).as("answers again").isEqualTo(1);
        this.clock.advanceTimeBy(ResyncScheduler.CHECK_INTERVAL);
        assertThat(this.changes.resyncs()).as("keeps answering").isEqualTo(1);
    }

    @Test
    void brokerDoesNotAnswerAtTheStartThenReadOnceItAnswers() {
        Iterator<Boolean> answers = List.of(false, true).iterator();
        start(this.changes, Mono.fromSupplier(() -> answers.hasNext() ? answers.next() : true));

        this.clock.advanceTimeBy(ResyncScheduler.CHECK_INTERVAL);

        assertThat(this.changes.resyncs()).isEqualTo(1);
    }

    @Test
    void brokerCheckHangsAndThenAnswersThenReadAtOnce() {
        Sinks.One<Boolean> hung = Sinks.one();
        AtomicInteger checks = new AtomicInteger();
        start(this.changes, Mono.defer(() -> (checks.incrementAndGet() == 1) ? Mono.just(true)
                : (checks.get() == 2) ? hung.asMono() : Mono.just(true)));

        this.clock.advanceTimeBy(ResyncScheduler.CHECK_INTERVAL.plus(ResyncScheduler.CHECK_TIMEOUT));
        assertThat(this.changes.resyncs()).isZero();
        this.clock.advanceTimeBy(ResyncScheduler.CHECK_INTERVAL);

        assertThat(this.changes.resyncs()).as("a check that never returns counts as no answer, the next one answers")
            .isEqualTo(1);
    }

    @Test
    void resyncNowThenReadAtOnce() {
        start(this.changes, Mono.just(true));

        this.scheduler.resyncNow("The consumer was re-created");

        assertThat(this.changes.resyncs()).isEqualTo(1);
    }

    @Test
    void reReadSlowerThanTheIntervalThenOneRunsAtATimeAndTheTicksMeanwhileMakeOneMore() {
        Sinks.One<Integer> slow = Sinks.one();
        AtomicInteger started = new AtomicInteger();
        RecordedChanges changes = new RecordedChanges(() -> (started.incrementAndGet() == 1) ? slow.asMono() : Mono.just(0));
        start(changes, Mono.just(true));

        this.clock.advanceTimeBy(INTERVAL.multipliedBy(5));
        this.scheduler.resyncNow("Asked");
        assertThat(changes.resyncs()).isEqualTo(1);

        slow.tryEmitValue(0);
        assertThat(changes.resyncs()).isEqualTo(2);
        this.clock.advanceTimeBy(INTERVAL);
        assertThat(changes.resyncs()).isEqualTo(3);
    }

    @Test
    void reReadFailsThenTheNextIntervalReadsAgain() {
        AtomicInteger started = new AtomicInteger();
        RecordedChanges changes = new RecordedChanges(() -> (started.incrementAndGet() == 1)
                ? Mono.error(new IllegalStateException("Redis is down")) : Mono.just(1));
        start(changes, Mono.just(true));

        this.clock.advanceTimeBy(INTERVAL.multipliedBy(2));

        assertThat(changes.resyncs()).isEqualTo(2);
    }

    @Test
    void inAnApplicationContextThenStartedWithItAndStoppedWithIt() {
        // Spring starts only the lifecycle beans that say they are not running: the timer must wait for
        // start(), or it never runs (the re-read did not run at all while that was wrong).
        RecordedChanges changes = new RecordedChanges();
        ResyncScheduler scheduler = new ResyncScheduler(changes, Duration.ofMillis(50), Mono.just(true),
                Schedulers.parallel());
        assertThat(scheduler.isRunning()).isFalse();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(ResyncScheduler.class, () -> scheduler);
            context.refresh();

            assertThat(scheduler.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.resyncs() >= 2);
        }
        assertThat(scheduler.isRunning()).isFalse();
    }

    private void start(RecordedChanges changes, Mono<Boolean> brokerAnswers) {
        this.scheduler = new ResyncScheduler(changes, INTERVAL, brokerAnswers, this.clock);
        this.scheduler.start();
    }
}
