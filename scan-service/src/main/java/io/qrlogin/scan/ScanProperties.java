package io.qrlogin.scan;

import java.util.Map;

import io.qrlogin.common.config.EdgeSettings;
import io.qrlogin.common.config.EventsSettings;
import io.qrlogin.common.config.TicketEngineSettings;
import io.qrlogin.common.ticket.TicketLifetimes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The scan-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults;
 * invalid ones fail the start-up.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param clients the known clients (sites) by client id, for the name the confirm screen shows; setting any
 * replaces the default {@code web}
 */
@ConfigurationProperties("qrlogin")
public record ScanProperties(@NestedConfigurationProperty TicketLifetimes ticket,
        @NestedConfigurationProperty EventsSettings events, @NestedConfigurationProperty EdgeSettings edge,
        Map<String, Client> clients) implements TicketEngineSettings {

    /** The clients known out of the box: the demo web site. */
    public static final Map<String, Client> DEFAULT_CLIENTS = Map.of("web", new Client("Web"));

    public ScanProperties {
        ticket = (ticket != null) ? ticket : TicketLifetimes.defaults();
        events = (events != null) ? events : EventsSettings.defaults();
        edge = (edge != null) ? edge : EdgeSettings.defaults();
        clients = (clients != null) ? Map.copyOf(clients) : DEFAULT_CLIENTS;
        clients.forEach((clientId, client) -> {
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("qrlogin.clients must not have a blank client id");
            }
        });
    }

    /** The defaults. */
    public static ScanProperties defaults() {
        return new ScanProperties(null, null, null, null);
    }

    /** The name the confirm screen shows for {@code clientId}: its display name, else the id itself. */
    public String clientName(String clientId) {
        Client client = this.clients.get(clientId);
        return (client != null) ? client.displayName() : clientId;
    }

    /**
     * A client (site) that may ask for a QR login.
     *
     * @param displayName the name the confirm screen shows the user, e.g. "Payroll"
     */
    public record Client(String displayName) {

        public Client {
            if (displayName == null || displayName.isBlank()) {
                throw new IllegalArgumentException("qrlogin.clients.*.display-name must not be blank");
            }
        }
    }
}
