package io.qrlogin.qr;

import java.net.URI;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The qr-service's settings, bound from {@code qrlogin.*}. Unset values take their defaults; invalid ones
 * fail the start-up with a message naming the property.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream every ticket change is published to
 * @param edge how the service trusts the edge (the gateway) that forwards the client's IP
 * @param publicBaseUrl the public base URL of the edge; the QR code encodes {@code {publicBaseUrl}/q/{qrId}}
 * @param image how QR images are drawn
 * @param landing the page a phone without the app lands on
 * @param clients the clients (sites) that may ask for QR codes, by client id, shared by every service; setting
 * any replaces the default {@code web}
 */
@ConfigurationProperties("qrlogin")
@Validated
public record QrProperties(@NestedConfigurationProperty @DefaultValue @NotNull @Valid TicketLifetimes ticket,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EventsSettings events,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EdgeSettings edge,
        @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl, @DefaultValue @NotNull @Valid Image image,
        @DefaultValue @NotNull @Valid Landing landing, @DefaultValue Map<String, ClientProperties> clients)
        implements TicketEngineSettings {

    public QrProperties {
        if (publicBaseUrl != null && !"https".equals(publicBaseUrl.getScheme())
                && !"http".equals(publicBaseUrl.getScheme())) {
            throw new IllegalArgumentException("qrlogin.public-base-url must be an http(s) URL, was " + publicBaseUrl);
        }
        // A map's default cannot be declared; ClientRegistry validates the clients.
        clients = (clients == null || clients.isEmpty()) ? ClientProperties.DEFAULTS : Map.copyOf(clients);
    }

    /** The URL the QR code of {@code qrId} encodes. */
    public String qrUrl(String qrId) {
        String base = this.publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/q/" + qrId;
    }

    /**
     * How QR images are drawn.
     *
     * @param modulePixels pixels per QR module in PNG images (SVG scales freely)
     * @param quietZone modules of white border around the code; the QR standard asks for 4
     */
    public record Image(@DefaultValue("8") @Min(1) @Max(32) int modulePixels,
            @DefaultValue("4") @Min(0) @Max(16) int quietZone) {
    }

    /**
     * The page a phone without the app lands on.
     *
     * @param appName the name of the app users scan with, as they know it
     * @param appLink a link that opens the app on this code; {@code {qrUrl}} is replaced with the URL-encoded
     * code URL
     */
    public record Landing(@DefaultValue("QR Login") @NotBlank String appName,
            @DefaultValue("qrlogin://scan?url={qrUrl}") @NotBlank String appLink) {
    }
}
