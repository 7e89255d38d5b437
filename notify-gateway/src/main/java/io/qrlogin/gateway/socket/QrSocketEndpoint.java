package io.qrlogin.gateway.socket;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.BrowserOrigins;
import io.qrlogin.gateway.GatewayProperties;
import io.qrlogin.gateway.ratelimit.BrowserRateLimit;
import io.qrlogin.gateway.route.AddressBlock;
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
 * <p>Every handshake spends a call of the browser bucket of its client address block (the bucket its
 * API calls spend, {@link BrowserRateLimit}), before the upgrade and so before any ticket is looked
 * at: over the limit it is refused with {@code 429 rate_limited} and {@code Retry-After}. Each socket
 * can try one verifier, so this is also what bounds guessing on the socket.
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

    private final ClientIpResolver addresses;

    private final @Nullable SocketsPerAddress perAddress;

    private final @Nullable BrowserRateLimit rateLimit;

    private final BrowserOrigins origins;

    private final ProblemResponder problems;

    private final WebSocketService handshake;

    /**
     * With {@code perAddress} {@code null}, an address may hold any number of sockets; with
     * {@code rateLimit} {@code null}, open any number of them.
     */
    QrSocketEndpoint(QrSocketHandler handler, GatewayProperties.Gateway settings, BrowserOrigins origins,
            ProblemResponder problems, ClientIpResolver addresses, @Nullable SocketsPerAddress perAddress,
            @Nullable BrowserRateLimit rateLimit) {
        this.handler = handler;
        this.origins = origins;
        this.addresses = addresses;
        this.perAddress = perAddress;
        this.rateLimit = rateLimit;
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
        String address = AddressBlock.of(String.valueOf(this.addresses.resolve(exchange.getRequest())));
        BrowserRateLimit limit = this.rateLimit;
        if (limit == null) {
            return upgrade(exchange, address);
        }
        return limit.check(address).flatMap((verdict) -> {
            if (verdict.allowed()) {
                return upgrade(exchange, address);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
            return this.problems.write(exchange, ProblemCode.RATE_LIMITED,
                    "Too many requests; retry after " + verdict.retryAfterSeconds() + " s.");
        });
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
