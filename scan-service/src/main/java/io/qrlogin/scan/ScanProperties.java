package io.qrlogin.scan;

import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.scan.security.VerifiedTokensSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The scan-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults;
 * invalid ones fail the start-up.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param clients the clients (sites) by client id, shared by every service: here, the name the confirm screen
 * shows; setting any replaces the default {@code web}
 * @param verifiedTokens how long verified app tokens are remembered
 */
@ConfigurationProperties("qrlogin")
public record ScanProperties(@NestedConfigurationProperty @Nullable TicketLifetimes ticket,
        @NestedConfigurationProperty @Nullable EventsSettings events,
        @NestedConfigurationProperty @Nullable EdgeSettings edge, @Nullable Map<String, ClientProperties> clients,
        @NestedConfigurationProperty @Nullable VerifiedTokensSettings verifiedTokens)
        implements TicketEngineSettings {

    public ScanProperties {
        ticket = (ticket != null) ? ticket : TicketLifetimes.defaults();
        events = (events != null) ? events : EventsSettings.defaults();
        edge = (edge != null) ? edge : EdgeSettings.defaults();
        clients = (clients != null && !clients.isEmpty()) ? Map.copyOf(clients) : ClientProperties.DEFAULTS;
        verifiedTokens = (verifiedTokens != null) ? verifiedTokens : VerifiedTokensSettings.defaults();
    }

    /** The defaults. */
    public static ScanProperties defaults() {
        return new ScanProperties(null, null, null, null, null);
    }
}
