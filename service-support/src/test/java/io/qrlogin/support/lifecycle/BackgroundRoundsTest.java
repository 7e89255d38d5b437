package io.qrlogin.support.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundRoundsTest {

    @Test
    void startThenRoundAfterRoundUntilStopped() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundRounds background = new BackgroundRounds(Duration.ZERO, Duration.ofMillis(10),
                () -> Mono.fromRunnable(rounds::incrementAndGet));

        background.start();

        assertThat(background.isRunning()).isTrue();
        await().untilAsserted(() -> assertThat(rounds).hasValueGreaterThanOrEqualTo(3));
        background.stop();
        assertThat(background.isRunning()).isFalse();
    }

    @Test
    void roundStillRunningThenTheNextWaitsAndStopCancelsIt() {
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        BackgroundRounds background = new BackgroundRounds(Duration.ZERO, Duration.ofMillis(1),
                () -> Mono.never().doOnSubscribe((subscription) -> started.incrementAndGet())
                    .doOnCancel(() -> cancelled.set(true)));

        background.start();
        await().untilAsserted(() -> assertThat(started).hasValue(1));
        background.stop();

        assertThat(cancelled).isTrue();
        assertThat(started).hasValue(1);
    }
}
