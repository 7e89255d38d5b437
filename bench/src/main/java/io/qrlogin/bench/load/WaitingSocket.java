package io.qrlogin.bench.load;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

/**
 * A browser's {@code /ws/qr} socket: subscribes, notes when each state arrives (on the event loop,
 * before anything else runs) and lets the flow wait for one.
 */
final class WaitingSocket {

    private final Sinks.One<Long> pending = Sinks.one();

    private final Sinks.One<Long> scanned = Sinks.one();

    private final Sinks.One<Long> confirmed = Sinks.one();

    private final Sinks.One<Integer> closed = Sinks.one();

    private volatile @Nullable Disposable connection;

    private volatile @Nullable String failure;

    private WaitingSocket() {
    }

    /** Opens the socket on {@code client} and sends the subscribe message at once. */
    static WaitingSocket open(HttpClient client, String qrId, String verifier) {
        WaitingSocket socket = new WaitingSocket();
        String subscribe = "{\"type\":\"subscribe\",\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"" + verifier + "\"}";
        socket.connection = client.websocket()
            .uri("/ws/qr")
            .handle((in, out) -> {
                in.receiveCloseStatus().subscribe((status) -> socket.onClose(status.code()));
                return out.sendString(Mono.just(subscribe)).then()
                    .thenMany(in.receive().asString().doOnNext(socket::onMessage));
            })
            .subscribe(null, (ex) -> {
                socket.fail(FlowFailure.of("socket", ex).getMessage());
                socket.closed.tryEmitValue(-2);
            }, () -> socket.onClose(-1));
        return socket;
    }

    /** When the state was pushed ({@link System#nanoTime()}), or a failure naming the state. */
    Mono<Long> await(String state, Duration timeout) {
        Sinks.One<Long> sink = switch (state) {
            case "PENDING" -> this.pending;
            case "SCANNED" -> this.scanned;
            case "CONFIRMED" -> this.confirmed;
            default -> throw new IllegalArgumentException(state);
        };
        return sink.asMono().timeout(timeout, Mono.error(() -> new FlowFailure("timeout: " + state + " push")));
    }

    /** The close code, when the server closes (-1: closed without a close frame). */
    Mono<Integer> closed() {
        return this.closed.asMono();
    }

    void close() {
        Disposable connection = this.connection;
        if (connection != null) {
            connection.dispose();
        }
    }

    private void onMessage(String message) {
        long now = System.nanoTime();
        String state = Json.string(message, "state");
        if (state == null) {
            // Only the problem code: never echo a message that could hold an id.
            fail("socket: error " + Json.string(message, "code"));
            return;
        }
        switch (state) {
            case "PENDING" -> this.pending.tryEmitValue(now);
            case "SCANNED" -> this.scanned.tryEmitValue(now);
            case "CONFIRMED" -> this.confirmed.tryEmitValue(now);
            case "EXPIRED", "CANCELLED", "REDEEMED" -> fail("socket: pushed " + state);
            default -> fail("socket: unexpected state");
        }
    }

    private void onClose(int code) {
        this.closed.tryEmitValue(code);
        fail("socket: closed " + code);
    }

    private void fail(String kind) {
        if (this.failure == null) {
            this.failure = kind;
        }
        FlowFailure failure = new FlowFailure(this.failure);
        this.pending.tryEmitError(failure);
        this.scanned.tryEmitError(failure);
        this.confirmed.tryEmitError(failure);
    }
}
