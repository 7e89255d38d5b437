package io.qrlogin.engine.observability;

import java.util.function.Consumer;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.util.context.ContextView;

/**
 * Log lines in reactive code, with the trace id of the request they belong to.
 *
 * <p>The trace of a request travels in the Reactor context; a log line finds it (in the MDC) only when
 * it is in the thread's locals at that moment. The services do not have Reactor put it there around
 * every operator ({@code spring.reactor.context-propagation: limited}, a tenth of the gateway's CPU):
 * a line logged in a reactive chain restores it itself, through these.
 *
 * <pre>{@code
 * .doOnEach(TracedLogging.onNext((ticket) -> logger.debug("Issued ticket {}", ticket.fingerprint())))
 * }</pre>
 */
public final class TracedLogging {

    private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    private TracedLogging() {
    }

    /**
     * Puts the trace (and any other context) of {@code context} in this thread's locals until the scope
     * is closed.
     */
    public static ContextSnapshot.Scope restore(ContextView context) {
        return snapshots.setThreadLocalsFrom(context);
    }

    /** Runs {@code line} when subscribed, in the subscriber's trace, and completes. */
    public static Mono<Void> line(Runnable line) {
        return Mono.deferContextual((context) -> {
            inTrace(context, line);
            return Mono.empty();
        });
    }

    /** For {@code doOnEach}: runs {@code line} on each value, in the subscriber's trace. */
    public static <T> Consumer<Signal<T>> onNext(Consumer<? super T> line) {
        return (signal) -> {
            T value = signal.get();
            if (signal.isOnNext() && value != null) {
                inTrace(signal.getContextView(), () -> line.accept(value));
            }
        };
    }

    /** For {@code doOnEach}: runs {@code line} on completion, in the subscriber's trace. */
    public static <T> Consumer<Signal<T>> onComplete(Runnable line) {
        return (signal) -> {
            if (signal.isOnComplete()) {
                inTrace(signal.getContextView(), line);
            }
        };
    }

    /** For {@code doOnEach}: runs {@code line} on an error, in the subscriber's trace. */
    public static <T> Consumer<Signal<T>> onError(Consumer<? super Throwable> line) {
        return (signal) -> {
            Throwable error = signal.getThrowable();
            if (signal.isOnError() && error != null) {
                inTrace(signal.getContextView(), () -> line.accept(error));
            }
        };
    }

    private static void inTrace(ContextView context, Runnable line) {
        try (ContextSnapshot.Scope scope = restore(context)) {
            line.run();
        }
    }
}
