package io.qrlogin.support.config;

import org.jspecify.annotations.Nullable;

/**
 * How the services trust the edge (the notify-gateway, the only public entry point).
 *
 * @param clientIpHeader the header in which the edge passes the client's IP; the edge strips any
 * such header coming from outside, so services trust it
 */
public record EdgeSettings(@Nullable String clientIpHeader) {

    public static final String DEFAULT_CLIENT_IP_HEADER = "X-QrLogin-Client-Ip";

    public EdgeSettings {
        clientIpHeader = (clientIpHeader == null || clientIpHeader.isBlank()) ? DEFAULT_CLIENT_IP_HEADER : clientIpHeader;
    }

    /** The defaults. */
    public static EdgeSettings defaults() {
        return new EdgeSettings(null);
    }
}
