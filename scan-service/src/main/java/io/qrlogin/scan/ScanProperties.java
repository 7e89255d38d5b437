package io.qrlogin.scan;

import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.support.apptoken.AppTokenKeys;
import io.qrlogin.support.apptoken.VerifiedTokens;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scan-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults; invalid ones
 * fail the start-up with a message naming the property.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param clients the clients (sites) by client id, shared by every service: here, the name the confirm screen
 * shows; setting any replaces the default {@code web}
 * @param verifiedTokens how long verified app tokens are remembered
 * @param appTokens how the identity provider's keys for app tokens are fetched and cached
 * @param demo demo mode: a stand-in identity provider, no real users
 */
@ConfigurationProperties("qrlogin")
@Validated
public record ScanProperties(@NestedConfigurationProperty @DefaultValue @NotNull @Valid TicketLifetimes ticket,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EventsSettings events,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EdgeSettings edge,
        @DefaultValue Map<String, ClientProperties> clients,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid VerifiedTokens verifiedTokens,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid AppTokenKeys appTokens,
        @DefaultValue @NotNull Demo demo) implements TicketEngineSettings {

    public ScanProperties {
        // A map's default cannot be declared; ClientRegistry validates the clients.
        clients = (clients == null || clients.isEmpty()) ? ClientProperties.DEFAULTS : Map.copyOf(clients);
    }

    /**
     * Demo mode ({@code qrlogin.demo.enabled}, as in every service): app tokens from session-service's stand-in
     * issuer; only then may the app-token audience be left unset.
     *
     * @param enabled whether demo mode is on
     */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }
}
