package io.qrlogin.gateway;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.Origins;
import org.jspecify.annotations.Nullable;

/**
 * The browser origins the edge serves: every registered client's origins plus
 * {@code qrlogin.gateway.allowed-origins}. Only they may open the {@code /ws/qr} socket and get CORS
 * answers from {@code /api/**}. Compared exactly after normalisation, never as patterns.
 */
public final class BrowserOrigins {

    private final Set<String> origins;

    private BrowserOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** The union of {@code gateway}'s allowed origins and {@code clients}' origins. */
    public static BrowserOrigins of(GatewayProperties.Gateway gateway, ClientRegistry clients) {
        Set<String> origins = new LinkedHashSet<>(gateway.allowedOrigins());
        origins.addAll(clients.origins());
        return new BrowserOrigins(origins);
    }

    /** Whether a browser on {@code origin} (an {@code Origin} header) is one the edge serves. */
    public boolean isAllowed(@Nullable String origin) {
        return Origins.of(origin).filter(this.origins::contains).isPresent();
    }

    /** Every allowed origin, normalised, sorted. */
    public List<String> all() {
        return this.origins.stream().sorted().toList();
    }
}
