package io.qrlogin.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Browsers that show a QR code and wait: each mints its own, subscribes and holds the socket; when
 * the code expires (the server pushes EXPIRED and closes) it mints a fresh one, as the widget does.
 */
final class WaitingBrowsers {

    private final List<Gateway> sources;

    private final Duration timeout;

    private final AtomicBoolean running = new AtomicBoolean();

    private final Sinks.Empty<Void> stopped = Sinks.empty();

    private final AtomicInteger waiting = new AtomicInteger();

    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    WaitingBrowsers(List<Gateway> sources, Duration timeout) {
        this.sources = sources;
        this.timeout = timeout;
    }

    /** Opens {@code count} browsers, {@code perSecond} at a time, round-robin over the source addresses. */
    Disposable open(int count, int perSecond) {
        this.running.set(true);
        long periodNanos = 1_000_000_000L / perSecond;
        return Flux.range(0, count)
            .delayElements(Duration.ofNanos(periodNanos))
            .flatMap((index) -> browser(this.sources.get(index % this.sources.size())), count)
            .subscribe();
    }

    void stop() {
        this.running.set(false);
        this.stopped.tryEmitEmpty();
    }

    /** Browsers holding a subscribed socket right now. */
    int waiting() {
        return this.waiting.get();
    }

    Map<String, Long> failures() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        this.failures.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    private Mono<Void> browser(Gateway gateway) {
        return Mono.defer(() -> waitOnce(gateway))
            .onErrorResume((ex) -> {
                this.failures.computeIfAbsent(FlowFailure.of("waiting", ex).getMessage(), (key) -> new LongAdder()).increment();
                return Mono.delay(Duration.ofSeconds(1)).then();
            })
            .repeat(this.running::get)
            .then();
    }

    /** Mint, subscribe, hold until the server closes (expiry) or the run ends. */
    private Mono<Void> waitOnce(Gateway gateway) {
        Pkce pkce = Pkce.create();
        return gateway.post("waiting mint", "/api/qr",
                "{\"codeChallenge\":\"" + pkce.challenge() + "\",\"codeChallengeMethod\":\"S256\",\"imageFormat\":\"svg\"}", 201)
            .flatMap((minted) -> {
                String qrId = Json.string(minted, "qrId");
                WaitingSocket socket = WaitingSocket.open(gateway.sockets(), qrId, pkce.verifier());
                return socket.await("PENDING", this.timeout)
                    .flatMap((pending) -> {
                        this.waiting.incrementAndGet();
                        return socket.closed()
                            .or(this.stopped.asMono().then(Mono.empty()))
                            .doFinally((signal) -> this.waiting.decrementAndGet());
                    })
                    .doFinally((signal) -> socket.close());
            })
            .then();
    }
}
