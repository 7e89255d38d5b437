package io.qrlogin.gateway.socket;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.BrowserOrigins;
import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.route.ClientIpResolver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * The {@code /ws/qr} handshake. The {@code Origin} must be on the allow-list (a registered client's origin
 * or {@code qrlogin.gateway.allowed-origins}), or the upgrade is refused
 * with {@code 403 forbidden} before any socket exists: a page on another site cannot watch (or learn
 * anything about) a login through a visitor's browser. A request without an {@code Origin} is refused
 * too; every browser sends one with a WebSocket handshake.
 *
 * <p>One client IP address may hold at most {@code qrlogin.ratelimit.sockets-per-address} sockets on
 * this instance; one more is told {@code rate_limited} and closed with 1008.
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

    private final ClientIpResolver addresses;

    private final @Nullable SocketsPerAddress perAddress;

    private final BrowserOrigins origins;

    private final ProblemResponder problems;

    private final WebSocketService handshake;

    /** With {@code perAddress} {@code null}, an address may hold any number of sockets. */
    QrSocketEndpoint(QrSocketHandler handler, GatewayProperties.Gateway settings, BrowserOrigins origins,
            ProblemResponder problems, ClientIpResolver addresses, @Nullable SocketsPerAddress perAddress) {
        this.handler = handler;
        this.origins = origins;
        this.addresses = addresses;
        this.perAddress = perAddress;
        this.problems = problems;
        int maxFrameSize = Math.toIntExact(settings.socket().maxFrameSize().toBytes());
        this.handshake = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                // Pings reach the handler (and its frame budget) instead of being answered by the
                // transport: a browser never sends one.
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize).handlePing(true)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (!this.origins.isAllowed(origin)) {
            return this.problems.write(exchange, ProblemCode.FORBIDDEN, "This origin may not open a QR socket.");
        }
        WebSocketHandler served = capped(exchange);
        return this.handshake.handleRequest(exchange, (session) -> {
            LingeringClose.install(exchange);
            return served.handle(session);
        });
    }

    private WebSocketHandler capped(ServerWebExchange exchange) {
        SocketsPerAddress cap = this.perAddress;
        if (cap == null) {
            return this.handler;
        }
        String address = String.valueOf(this.addresses.resolve(exchange.getRequest()));
        // Counted once the socket is open (a refused upgrade holds nothing), released when it ends.
        return (session) -> cap.acquire(address)
                ? this.handler.handle(session).doFinally((signal) -> cap.release(address))
                : this.handler.refuseOverCap(session);
    }
}
