package io.qrlogin.gateway.socket;

import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.route.AddressBlock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * The {@code /ws/qr} handshake: upgraded only when the {@link HandshakeAdmission} lets it (an allowed
 * {@code Origin}, within the browser rate limit).
 *
 * <p>One client address block (an IPv4 address, an IPv6 {@code /64}: {@link AddressBlock}) may hold at
 * most {@code qrlogin.ratelimit.sockets-per-address} sockets on this instance; one more is told
 * {@code rate_limited} and closed with 1008.
 *
 * <p>Frames larger than {@code qrlogin.gateway.socket.max-frame-size} are refused by the transport
 * itself, before they are read into memory: Netty closes the socket with 1009 (message too big). Every
 * close lingers ({@link LingeringClose}), so the browser reads its close code even while still sending.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-10.2">RFC 6455 §10.2</a>
 */
final class QrSocketEndpoint implements WebHandler {

    static final String PATH = "/ws/qr";

    private final QrSocketHandler handler;

    private final HandshakeAdmission admission;

    private final @Nullable SocketsPerAddress perAddress;

    private final WebSocketService handshake;

    /** With {@code perAddress} {@code null}, an address may hold any number of sockets. */
    QrSocketEndpoint(QrSocketHandler handler, HandshakeAdmission admission, GatewayProperties.Socket settings,
            @Nullable SocketsPerAddress perAddress) {
        this.handler = handler;
        this.admission = admission;
        this.perAddress = perAddress;
        int maxFrameSize = Math.toIntExact(settings.maxFrameSize().toBytes());
        this.handshake = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                // Pings reach the handler (and its frame budget) instead of being answered by the
                // transport: a browser never sends one.
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize).handlePing(true)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return this.admission.admit(exchange, (address) -> upgrade(exchange, address));
    }

    private Mono<Void> upgrade(ServerWebExchange exchange, String address) {
        WebSocketHandler served = capped(address);
        return this.handshake.handleRequest(exchange, (session) -> {
            LingeringClose.install(exchange);
            return served.handle(session);
        });
    }

    private WebSocketHandler capped(String address) {
        SocketsPerAddress cap = this.perAddress;
        if (cap == null) {
            return this.handler;
        }
        // Counted once the socket is open (a refused upgrade holds nothing), released when it ends.
        return (session) -> cap.acquire(address)
                ? this.handler.handle(session).doFinally((signal) -> cap.release(address))
                : this.handler.refuseOverCap(session);
    }
}
