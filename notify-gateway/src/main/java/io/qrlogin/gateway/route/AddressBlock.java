package io.qrlogin.gateway.route;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import io.netty.util.NetUtil;

/**
 * What the edge's per-address limits count: the block of addresses one client controls. An IPv4
 * address is its own block; an IPv6 address counts as its {@code /64}, because a single subscriber
 * is routinely given a whole {@code /64} (RFC 6177, RFC 8273) and can send from any of its 2^64
 * addresses. IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6177">RFC 6177</a>
 */
public final class AddressBlock {

    private static final int IPV6_PREFIX_BYTES = 8;

    private AddressBlock() {
    }

    /**
     * The block {@code address} belongs to: the address itself for IPv4, {@code prefix::/64} for IPv6;
     * anything that is not an IP literal is returned as it is.
     */
    public static String of(String address) {
        String literal = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
                : address;
        if (!NetUtil.isValidIpV6Address(literal)) {
            return address;
        }
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(literal);
        if (parsed instanceof Inet4Address mapped) {
            return mapped.getHostAddress();
        }
        if (!(parsed instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        byte[] prefix = new byte[16];
        System.arraycopy(bytes, 0, prefix, 0, IPV6_PREFIX_BYTES);
        return NetUtil.bytesToIpAddress(prefix) + "/64";
    }
}
