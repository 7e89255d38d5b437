package io.qrlogin.engine.observability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TracedLoggingTest {

    /** Stands in for the trace in the MDC: a thread local that the context carries under this key. */
    private static final String KEY = "qrlogin.test.trace";

    private static final ThreadLocal<String> trace = new ThreadLocal<>();

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void registerTheThreadLocal() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, trace::get, trace::set, trace::remove);
    }

    @Test
    void onNextWhenValueThenLoggedInTheSubscribersTraceAndNothingLeftBehind() {
        Mono.just("ticket").doOnEach(TracedLogging.onNext((value) -> log(value)))
            .contextWrite(Context.of(KEY, "trace-1"))
            .block();

        assertThat(this.lines).containsExactly("ticket in trace-1");
        assertThat(trace.get()).isNull();
    }

    @Test
    void onNextWhenNoValueThenNothingLogged() {
        Mono.<String>empty().doOnEach(TracedLogging.onNext((value) -> log(value)))
            .contextWrite(Context.of(KEY, "trace-1"))
            .block();

        assertThat(this.lines).isEmpty();
    }

    @Test
    void onErrorWhenFailedThenLoggedInTheSubscribersTrace() {
        Mono<String> failing = Mono.<String>error(new IllegalStateException("store down"))
            .doOnEach(TracedLogging.onError((ex) -> log(ex.getMessage())))
            .contextWrite(Context.of(KEY, "trace-2"));

        assertThatIllegalStateException().isThrownBy(failing::block);
        assertThat(this.lines).containsExactly("store down in trace-2");
        assertThat(trace.get()).isNull();
    }

    @Test
    void onCompleteWhenCompletedThenLoggedOnceInTheSubscribersTrace() {
        Mono.just("value").doOnEach(TracedLogging.onComplete(() -> log("done")))
            .contextWrite(Context.of(KEY, "trace-3"))
            .block();

        assertThat(this.lines).containsExactly("done in trace-3");
    }

    @Test
    void lineWhenSubscribedThenLoggedInTheSubscribersTraceAndPreviousValueRestored() {
        trace.set("the thread's own");
        try {
            TracedLogging.line(() -> log("refused")).then(Mono.fromRunnable(() -> log("after")))
                .contextWrite(Context.of(KEY, "trace-4"))
                .block();

            assertThat(this.lines).containsExactly("refused in trace-4", "after in the thread's own");
            assertThat(trace.get()).isEqualTo("the thread's own");
        }
        finally {
            trace.remove();
        }
    }

    private void log(String line) {
        this.lines.add(line + " in " + trace.get());
    }
}
