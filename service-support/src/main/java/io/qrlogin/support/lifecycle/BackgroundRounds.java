package io.qrlogin.support.lifecycle;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * Background work in rounds while the application runs: the first round {@code delay} after the start, then one
 * every {@code interval}, until the stop. Rounds never overlap: a tick that comes while a round runs waits for it
 * (one at most; later ones are dropped), so slow rounds never pile up. A round handles its own failures, since a
 * failed round would end the rounds.
 */
public final class BackgroundRounds implements SmartLifecycle {

    private final Duration delay;

    private final Duration interval;

    private final Supplier<? extends Publisher<?>> round;

    private volatile @Nullable Disposable running;

    public BackgroundRounds(Duration delay, Duration interval, Supplier<? extends Publisher<?>> round) {
        this.delay = delay;
        this.interval = interval;
        this.round = round;
    }

    @Override
    public void start() {
        this.running = Flux.interval(this.delay, this.interval)
            .onBackpressureDrop()
            .concatMap((tick) -> this.round.get(), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = this.running;
        if (running != null) {
            running.dispose();
            this.running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.running != null;
    }
}
