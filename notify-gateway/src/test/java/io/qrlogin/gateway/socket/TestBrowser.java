package io.qrlogin.gateway.socket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.awaitility.Awaitility.await;

/**
 * A browser's side of {@code /ws/qr}, on Reactor Netty's WebSocket client: it records every message,
 * ping and the close status the gateway sends, for tests to wait on.
 */
final class TestBrowser implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // Messages are parsed on the client's event loop. The mapper builds its deserializer on first
        // use, under a lock: two sockets reading their first message at once would wait there, which
        // BlockHound fails. Built here, it is only looked up afterwards.
        parse("{\"type\":\"state\"}");
    }

    private static final ReactorNettyWebSocketClient CLIENT = new ReactorNettyWebSocketClient(HttpClient.create(),
            // Pass pings on to the session, so the test sees them.
            () -> WebsocketClientSpec.builder().handlePing(true).maxFramePayloadLength(1024 * 1024));

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final AtomicInteger pings = new AtomicInteger();

    private final AtomicReference<CloseStatus> closeStatus = new AtomicReference<>();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

    private final Disposable connection;

    private TestBrowser(URI uri, @Nullable String origin) {
        HttpHeaders headers = new HttpHeaders();
        if (origin != null) {
            headers.setOrigin(origin);
        }
        this.connection = CLIENT.execute(uri, headers, (session) -> {
            Sinks.Empty<Void> inputDone = Sinks.empty();
            Mono<Void> input = session.receive().doOnNext((message) -> {
                if (message.getType() == WebSocketMessage.Type.PING) {
                    this.pings.incrementAndGet();
                }
                else if (message.getType() == WebSocketMessage.Type.TEXT) {
                    this.received.add(new Received(parse(message.getPayloadAsText(StandardCharsets.UTF_8)), Instant.now()));
                }
            }).then().doFinally((signal) -> inputDone.tryEmitEmpty());
            Mono<Void> output = session.send(this.outgoing.asFlux().map(session::textMessage).takeUntilOther(inputDone.asMono()));
            Mono<Void> close = session.closeStatus().doOnNext(this.closeStatus::set).then();
            return Mono.when(input, output, close);
        }).subscribe(null, this.failure::set);
    }

    /** Opens a socket from a page on {@code origin} ({@code null}: no Origin header). */
    static TestBrowser open(int port, @Nullable String origin) {
        return new TestBrowser(URI.create("ws://localhost:" + port + "/ws/qr"), origin);
    }

    /** Opens a socket from a page on {@code origin} and subscribes to {@code qrId} with {@code verifier}. */
    static TestBrowser subscribe(int port, String origin, String qrId, String verifier) {
        TestBrowser browser = open(port, origin);
        browser.send(subscribeMessage(qrId, verifier));
        return browser;
    }

    static String subscribeMessage(String qrId, String verifier) {
        return JSON.writeValueAsString(Map.of("type", "subscribe", "qrId", qrId, "codeVerifier", verifier));
    }

    void send(String text) {
        this.outgoing.tryEmitNext(text);
    }

    /** Every message received, parsed, in order. */
    List<Map<String, Object>> messages() {
        return this.received.stream().map(Received::message).toList();
    }

    /** Every message received, with when it arrived. */
    List<Received> received() {
        return List.copyOf(this.received);
    }

    /** The {@code state} of every state message, in order. */
    List<String> states() {
        return messages().stream().filter((message) -> "state".equals(message.get("type")))
            .map((message) -> (String) message.get("state"))
            .toList();
    }

    int pings() {
        return this.pings.get();
    }

    @Nullable CloseStatus closeStatus() {
        return this.closeStatus.get();
    }

    @Nullable Throwable failure() {
        return this.failure.get();
    }

    /** Waits until the gateway has closed the socket, and answers how. */
    CloseStatus awaitClose() {
        await().until(() -> this.closeStatus.get() != null || this.failure.get() != null);
        if (this.closeStatus.get() == null) {
            throw new AssertionError("The socket failed instead of closing", this.failure.get());
        }
        return this.closeStatus.get();
    }

    /** Waits until the handshake has failed, and answers how. */
    Throwable awaitFailure() {
        await().until(() -> this.failure.get() != null);
        return this.failure.get();
    }

    @Override
    public void close() {
        this.connection.dispose();
    }

    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    /**
     * A message from the gateway.
     *
     * @param message its JSON, parsed
     * @param at when it arrived
     */
    record Received(Map<String, Object> message, Instant at) {
    }
}
