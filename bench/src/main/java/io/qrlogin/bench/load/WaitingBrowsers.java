package io.qrlogin.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Browsers that show a QR code and wait: each mints its own, subscribes and holds the socket; when
 * the code expires (the server pushes EXPIRED and closes) it mints a fresh one, as the widget does.
 * At most {@link #OPENING} browsers are minting and subscribing at once, so a slow system slows the
 * ramp instead of piling up requests that time out and retry.
 */
final class WaitingBrowsers {

    static final int OPENING = 64;

    private final List<Gateway> sources;

    private final Duration timeout;

    private final AtomicBoolean running = new AtomicBoolean();

    private final AtomicInteger waiting = new AtomicInteger();

    private final Set<WaitingSocket> sockets = ConcurrentHashMap.newKeySet();

    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    WaitingBrowsers(List<Gateway> sources, Duration timeout) {
        this.sources = sources;
        this.timeout = timeout;
    }

    /** Opens {@code count} browsers, at most {@code perSecond} a second, round-robin over the source addresses. */
    Disposable open(int count, int perSecond) {
        this.running.set(true);
        return Flux.range(0, count)
            .delayElements(Duration.ofNanos(1_000_000_000L / perSecond))
            .flatMap((index) -> openWithRetries(this.sources.get(index % this.sources.size())), OPENING)
            .subscribe();
    }

    void stop() {
        this.running.set(false);
        this.sockets.forEach(WaitingSocket::close);
    }

    /** Browsers holding a subscribed socket right now. */
    int waiting() {
        return this.waiting.get();
    }

    Map<String, Long> failures() {
        Map<String, Long> counts = new TreeMap<>();
        this.failures.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    private Mono<Void> openWithRetries(Gateway gateway) {
        return Mono.defer(() -> openOnce(gateway))
            .doOnError((ex) -> this.failures
                .computeIfAbsent(FlowFailure.of("waiting", ex).getMessage(), (key) -> new LongAdder()).increment())
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(5))
                .filter((ex) -> this.running.get()))
            .onErrorResume((ex) -> Mono.empty());
    }

    /** Mint and subscribe; completes once PENDING arrived, and the socket stays open until the server closes it. */
    private Mono<Void> openOnce(Gateway gateway) {
        PkcePair pkce = PkcePair.random();
        return gateway.post("waiting mint", "/api/qr",
                "{\"codeChallenge\":\"" + pkce.challenge() + "\",\"codeChallengeMethod\":\"S256\",\"imageFormat\":\"svg\"}", 201)
            .flatMap((minted) -> {
                WaitingSocket socket = WaitingSocket.open(gateway.sockets(), Json.string(minted, "qrId"), pkce.verifier());
                return socket.await("PENDING", this.timeout)
                    .doOnError((ex) -> socket.close())
                    .doOnNext((pending) -> {
                        this.waiting.incrementAndGet();
                        this.sockets.add(socket);
                        socket.closed().subscribe((code) -> {
                            this.waiting.decrementAndGet();
                            this.sockets.remove(socket);
                            if (this.running.get()) {
                                // The code expired: a fresh one, as the widget renews.
                                openWithRetries(gateway).subscribe();
                            }
                        });
                    });
            })
            .then();
    }
}
