package io.qrlogin.gateway.route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Works out the client's IP address, which the gateway hands to the services in the trusted client-IP
 * header. With no trusted proxy in front, the client is the TCP peer. Behind {@code n} trusted proxies,
 * each of which appends the address it saw to {@code X-Forwarded-For}, the client is the {@code n}-th
 * entry from the right: everything further left was written by the client and proves nothing.
 *
 * <p>The TCP peer is read from the Netty channel itself, not from {@link ServerHttpRequest#getRemoteAddress()}:
 * the server's own forwarded-header support ({@code server.forward-headers-strategy}, the gateway's
 * {@code trusted-proxies}) would rewrite that from client-supplied headers. An entry that is not an IP
 * literal is never looked up in DNS; the resolver falls back to the peer.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7239#section-8.1">RFC 7239 §8.1</a>
 */
public final class ClientIpResolver {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final int trustedProxies;

    public ClientIpResolver(int trustedProxies) {
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("trustedProxies must not be negative");
        }
        this.trustedProxies = trustedProxies;
    }

    /** The client's IP address, or {@code null} when not even the peer is known. */
    public @Nullable String resolve(ServerHttpRequest request) {
        String peer = peer(request);
        if (this.trustedProxies == 0) {
            return peer;
        }
        List<String> hops = hops(request);
        if (hops.isEmpty()) {
            // The request did not come through the proxies (or they did not say): the peer is all we know.
            return peer;
        }
        String candidate = hops.get(Math.max(0, hops.size() - this.trustedProxies));
        String address = ipLiteral(candidate);
        return (address != null) ? address : peer;
    }

    /** Every X-Forwarded-For entry, left to right; several header lines count as one list (RFC 9110 §5.3). */
    private static List<String> hops(ServerHttpRequest request) {
        List<String> lines = request.getHeaders().get(X_FORWARDED_FOR);
        List<String> hops = new ArrayList<>();
        if (lines != null) {
            for (String line : lines) {
                for (String hop : line.split(",")) {
                    if (!hop.isBlank()) {
                        hops.add(hop.strip());
                    }
                }
            }
        }
        return hops;
    }

    private static @Nullable String peer(ServerHttpRequest request) {
        InetSocketAddress address = null;
        if (nativeRequest(request) instanceof Connection connection) {
            SocketAddress remote = connection.channel().remoteAddress();
            if (remote instanceof InetSocketAddress inet) {
                address = inet;
            }
        }
        if (address == null) {
            address = request.getRemoteAddress();
        }
        InetAddress ip = (address != null) ? address.getAddress() : null;
        return (ip != null) ? ip.getHostAddress() : null;
    }

    private static @Nullable Object nativeRequest(ServerHttpRequest request) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(request);
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            // Not a server request (a test double): it has no channel.
            return null;
        }
    }

    /** The entry as an IP address, if it is an IPv4 or IPv6 literal (IPv6 may be bracketed). */
    static @Nullable String ipLiteral(String entry) {
        String literal = (entry.startsWith("[") && entry.endsWith("]")) ? entry.substring(1, entry.length() - 1) : entry;
        if (!NetUtil.isValidIpV4Address(literal) && !NetUtil.isValidIpV6Address(literal)) {
            return null;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
        return (address != null) ? address.getHostAddress() : null;
    }
}
