package io.qrlogin.support.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's IP address as the edge saw it. The gateway writes it to a trusted header (and strips
 * any such header coming from outside); a service reached directly falls back to the peer address.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** The client IP from {@code header}, else the connection's peer, or {@code null}. */
    public static @Nullable String of(ServerHttpRequest request, String header) {
        String forwarded = request.getHeaders().getFirst(header);
        if (forwarded != null) {
            int comma = forwarded.indexOf(',');
            String first = ((comma >= 0) ? forwarded.substring(0, comma) : forwarded).trim();
            InetAddress address = parse(first);
            if (address != null) {
                return address.getHostAddress();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
    }

    /**
     * Whether two clients look like they share a network: the same IPv4 address (one NAT), the same
     * IPv6 /64 (one LAN), or both this host's loopback (IPv4 or IPv6 alike). A hint: shown to the user,
     * and a reason to ask for more (number matching) when it fails — never a reason to ask for less.
     */
    public static boolean sameNetwork(@Nullable String first, @Nullable String second) {
        InetAddress a = parse(first);
        InetAddress b = parse(second);
        if (a != null && b != null && a.isLoopbackAddress() && b.isLoopbackAddress()) {
            return true;
        }
        if (a == null || b == null || a.getAddress().length != b.getAddress().length) {
            return false;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int compared = (x.length == 4) ? 4 : 8;
        for (int i = 0; i < compared; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IP literal; never a DNS lookup. */
    static @Nullable InetAddress parse(@Nullable String literal) {
        if (literal == null) {
            return null;
        }
        try {
            if (IPV4.matcher(literal).matches()) {
                String[] parts = literal.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // A literal with a colon is parsed as IPv6 by the JDK, never looked up.
            boolean v6 = literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches();
            return v6 ? InetAddress.getByName(literal) : null;
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }
}
