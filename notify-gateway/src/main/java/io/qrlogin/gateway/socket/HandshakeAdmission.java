package io.qrlogin.gateway.socket;

import java.util.function.Function;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.gateway.BrowserOrigins;
import io.qrlogin.gateway.ratelimit.BrowserRateLimit;
import io.qrlogin.gateway.route.AddressBlock;
import io.qrlogin.gateway.route.ClientIpResolver;
import io.qrlogin.support.web.ProblemResponder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may open a socket at {@code /ws/qr}, decided at the handshake, before the upgrade and so before any
 * socket exists or any ticket is looked at.
 *
 * <p>The {@code Origin} must be on the allow-list (a registered client's origin or
 * {@code qrlogin.gateway.allowed-origins}), or the upgrade is refused with {@code 403 forbidden}: a page on
 * another site cannot watch (or learn anything about) a login through a visitor's browser. A request
 * without an {@code Origin} is refused too; every browser sends one with a WebSocket handshake.
 *
 * <p>Every handshake spends a call of the browser bucket of its client address block (the bucket its API
 * calls spend, {@link BrowserRateLimit}): over the limit it is refused with {@code 429 rate_limited} and
 * {@code Retry-After}. Each socket can try one verifier, so this is also what bounds guessing on the socket.
 *
 * @param origins the origins that may open a socket
 * @param addresses who the client is
 * @param rateLimit the browser bucket; {@code null}: any number of handshakes
 * @param problems writes a refusal
 */
record HandshakeAdmission(BrowserOrigins origins, ClientIpResolver addresses, @Nullable BrowserRateLimit rateLimit,
        ProblemResponder problems) {

    /** Hands the client's address block to {@code upgrade} when the handshake may go on, else answers the refusal. */
    Mono<Void> admit(ServerWebExchange exchange, Function<String, Mono<Void>> upgrade) {
        String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (!this.origins.isAllowed(origin)) {
            return this.problems.write(exchange, ProblemCode.FORBIDDEN, "This origin may not open a QR socket.");
        }
        String address = AddressBlock.of(String.valueOf(this.addresses.resolve(exchange.getRequest())));
        BrowserRateLimit limit = this.rateLimit;
        if (limit == null) {
            return upgrade.apply(address);
        }
        return limit.check(address)
            .flatMap((verdict) -> verdict.allowed() ? upgrade.apply(address) : verdict.refuse(exchange, this.problems));
    }
}
