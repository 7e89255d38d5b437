package io.qrlogin.qr;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param mintGuard when new QR codes are refused to keep Redis memory for the logins under way
 */
@ConfigurationProperties("qrlogin")
@Validated
public record QrProperties(@NestedConfigurationProperty @DefaultValue @NotNull @Valid TicketLifetimes ticket,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EventsSettings events,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EdgeSettings edge,
        @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl, @DefaultValue @NotNull @Valid Image image,
        @DefaultValue @NotNull @Valid Landing landing, @DefaultValue Map<String, ClientProperties> clients,
        @DefaultValue @NotNull @Valid MintGuard mintGuard) implements TicketEngineSettings {

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

    /**
     * When new QR codes are refused ({@code 503 unavailable} with {@code Retry-After}) so that Redis keeps
     * room for the scans, confirms, redeems and logouts of logins under way: Redis runs
     * {@code noeviction}, and a full Redis fails every write. Redis's own {@code INFO memory} is sampled,
     * never asked per request; with no {@code maxmemory} set there is nothing to compare with, and no guard.
     *
     * @param enabled whether mints are ever refused for memory
     * @param maxMemoryFraction the share of Redis's {@code maxmemory} in use from which mints are refused
     * @param sampleInterval how often Redis's memory use is read
     * @param retryAfter what a refused mint is told to wait
     */
    public record MintGuard(@DefaultValue("true") boolean enabled,
            @DefaultValue("0.8") @DecimalMin("0.1") @DecimalMax("0.99") double maxMemoryFraction,
            @DefaultValue("1s") @NotNull Duration sampleInterval, @DefaultValue("5s") @NotNull Duration retryAfter) {

        public MintGuard {
            if (sampleInterval != null && (sampleInterval.isNegative() || sampleInterval.isZero())) {
                throw new IllegalArgumentException("qrlogin.mint-guard.sample-interval must be positive");
            }
            if (retryAfter != null && retryAfter.toSeconds() < 1) {
                throw new IllegalArgumentException("qrlogin.mint-guard.retry-after must be at least 1s");
            }
        }
    }
}
