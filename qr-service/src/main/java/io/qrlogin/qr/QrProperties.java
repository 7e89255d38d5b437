package io.qrlogin.qr;

import java.net.URI;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * qr-service configuration, prefix {@code qrlogin}.
 *
 * @param ticket ticket lifetimes, shared by every service
 * @param events the event stream, shared by every service
 * @param edge how the edge passes the client's IP, shared by every service
 * @param publicBaseUrl the public base URL of the edge; the QR code encodes {@code {publicBaseUrl}/q/{qrId}}
 * @param image how QR images are drawn
 * @param landing the page a phone without the app lands on
 * @param clients the clients (sites) that may ask for QR codes, by client id, shared by every service; setting
 * any replaces the default {@code web}
 */
@ConfigurationProperties("qrlogin")
public record QrProperties(@Nullable TicketLifetimes ticket, @Nullable EventsSettings events,
        @Nullable EdgeSettings edge, @Nullable URI publicBaseUrl, @Nullable Image image,
        @Nullable Landing landing, @Nullable Map<String, ClientProperties> clients) implements TicketEngineSettings {

    public QrProperties {
        ticket = (ticket != null) ? ticket : TicketLifetimes.defaults();
        events = (events != null) ? events : EventsSettings.defaults();
        edge = (edge != null) ? edge : EdgeSettings.defaults();
        publicBaseUrl = (publicBaseUrl != null) ? publicBaseUrl : URI.create("http://localhost:8080");
        if (!"https".equals(publicBaseUrl.getScheme()) && !"http".equals(publicBaseUrl.getScheme())) {
            throw new IllegalArgumentException("qrlogin.public-base-url must be an http(s) URL, was " + publicBaseUrl);
        }
        image = (image != null) ? image : new Image(null, null);
        landing = (landing != null) ? landing : new Landing(null, null);
        clients = (clients != null && !clients.isEmpty()) ? Map.copyOf(clients) : ClientProperties.DEFAULTS;
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
    public record Image(@Nullable Integer modulePixels, @Nullable Integer quietZone) {

        public Image {
            modulePixels = (modulePixels != null) ? modulePixels : 8;
            quietZone = (quietZone != null) ? quietZone : 4;
            if (modulePixels < 1 || modulePixels > 32 || quietZone < 0 || quietZone > 16) {
                throw new IllegalArgumentException("qrlogin.image: module-pixels 1..32 and quiet-zone 0..16");
            }
        }
    }

    /**
     * The page a phone without the app lands on.
     *
     * @param appName the name of the app users scan with, as they know it
     * @param appLink a link that opens the app on this code; {@code {qrUrl}} is replaced with the
     * URL-encoded code URL
     */
    public record Landing(@Nullable String appName, @Nullable String appLink) {

        public Landing {
            appName = (appName != null && !appName.isBlank()) ? appName : "QR Login";
            appLink = (appLink != null && !appLink.isBlank()) ? appLink : "qrlogin://scan?url={qrUrl}";
        }
    }
}
