package io.qrlogin.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The notify-gateway's settings, bound from {@code qrlogin.*}. Unset values take their defaults;
 * invalid ones fail the start-up.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream the gateway fans out to browser sockets (and publishes expiries to)
 * @param edge how the services trust the edge: the header in which the gateway passes the client IP
 * @param gateway the routes, the client-IP policy and the browser WebSocket
 * @param demo the demo pages
 * @param clients the clients (sites) by client id, shared by every service: here, the browser origins that may
 * open the socket and call the API cross-origin; setting any replaces the default {@code web}
 */
@ConfigurationProperties("qrlogin")
public record GatewayProperties(@NestedConfigurationProperty TicketLifetimes ticket,
        @NestedConfigurationProperty EventsSettings events, @NestedConfigurationProperty EdgeSettings edge,
        Gateway gateway, @Nullable Demo demo, @Nullable Map<String, ClientProperties> clients)
        implements TicketEngineSettings {

    public GatewayProperties {
        ticket = (ticket != null) ? ticket : TicketLifetimes.defaults();
        events = (events != null) ? events : EventsSettings.defaults();
        edge = (edge != null) ? edge : EdgeSettings.defaults();
        gateway = (gateway != null) ? gateway : Gateway.defaults();
        demo = (demo != null) ? demo : new Demo(false);
        clients = (clients != null && !clients.isEmpty()) ? Map.copyOf(clients) : ClientProperties.DEFAULTS;
    }

    /** The defaults. */
    public static GatewayProperties defaults() {
        return new GatewayProperties(null, null, null, null, null, null);
    }

    /**
     * The demo pages: {@code /} a login page using the widget, {@code /app} a phone-app simulator.
     *
     * @param enabled whether the gateway serves them; never in production
     */
    public record Demo(boolean enabled) {
    }

    /**
     * The edge.
     *
     * @param qrServiceUri where {@code /api/qr/**} and {@code /q/**} go
     * @param scanServiceUri where {@code /api/scan/**} goes
     * @param sessionServiceUri where {@code /api/session/**}, {@code /api/demo/**} and {@code /.well-known/**} go
     * @param allowedOrigins browser origins (scheme://host[:port]) that may open the {@code /ws/qr} socket and call
     * {@code /api/**} cross-origin, besides every registered client's origins
     * @param trustedProxies how many proxies in front of the gateway (an Ingress, a load balancer) append to
     * X-Forwarded-For; 0 means the gateway faces clients and the TCP peer is the client
     * @param socket the browser WebSocket
     */
    public record Gateway(@Nullable URI qrServiceUri, @Nullable URI scanServiceUri, @Nullable URI sessionServiceUri,
            @Nullable List<String> allowedOrigins, int trustedProxies, @Nullable Socket socket) {

        public static final URI DEFAULT_QR_SERVICE_URI = URI.create("http://localhost:8081");

        public static final URI DEFAULT_SCAN_SERVICE_URI = URI.create("http://localhost:8082");

        public static final URI DEFAULT_SESSION_SERVICE_URI = URI.create("http://localhost:8083");

        public static final List<String> DEFAULT_ALLOWED_ORIGINS = List.of("http://localhost:8080");

        /** More hops than any real deployment has; a larger value is a typo. */
        static final int MAX_TRUSTED_PROXIES = 10;

        public Gateway {
            qrServiceUri = serviceUri(qrServiceUri, DEFAULT_QR_SERVICE_URI, "qr-service-uri");
            scanServiceUri = serviceUri(scanServiceUri, DEFAULT_SCAN_SERVICE_URI, "scan-service-uri");
            sessionServiceUri = serviceUri(sessionServiceUri, DEFAULT_SESSION_SERVICE_URI, "session-service-uri");
            allowedOrigins = (allowedOrigins != null) ? allowedOrigins.stream().map(Gateway::origin).distinct().toList()
                    : DEFAULT_ALLOWED_ORIGINS;
            if (allowedOrigins.isEmpty()) {
                throw new IllegalArgumentException("qrlogin.gateway.allowed-origins must name at least one origin");
            }
            if (trustedProxies < 0 || trustedProxies > MAX_TRUSTED_PROXIES) {
                throw new IllegalArgumentException("qrlogin.gateway.trusted-proxies must be between 0 and "
                        + MAX_TRUSTED_PROXIES + ", was " + trustedProxies);
            }
            socket = (socket != null) ? socket : Socket.defaults();
        }

        /** The defaults. */
        public static Gateway defaults() {
            return new Gateway(null, null, null, null, 0, null);
        }

        private static URI serviceUri(@Nullable URI uri, URI fallback, String name) {
            if (uri == null) {
                return fallback;
            }
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("qrlogin.gateway." + name + " must be an absolute http(s) URI, was " + uri);
            }
            return uri;
        }

        /** {@code scheme://host[:port]} in lower case, without a default port: the form browsers send. */
        static String origin(String value) {
            URI uri;
            try {
                uri = new URI(value.strip());
            }
            catch (java.net.URISyntaxException ex) {
                throw new IllegalArgumentException("Not an origin: " + value, ex);
            }
            String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !pathless || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "qrlogin.gateway.allowed-origins entries must be scheme://host[:port], was " + value);
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        }
    }

    /**
     * The browser WebSocket ({@code /ws/qr}).
     *
     * @param subscribeTimeout how long a new socket may take to send its subscribe message before it is closed
     * @param pingInterval how often the gateway pings each socket, so proxies keep it open and dead peers show
     * @param maxFrameSize the largest frame (and message) a browser may send; larger ones close the socket
     */
    public record Socket(@Nullable Duration subscribeTimeout, @Nullable Duration pingInterval,
            @Nullable DataSize maxFrameSize) {

        public static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

        public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);

        public static final DataSize DEFAULT_MAX_FRAME_SIZE = DataSize.ofKilobytes(4);

        /** A subscribe message takes about 250 bytes; less than this could not carry one. */
        static final DataSize MIN_FRAME_SIZE = DataSize.ofBytes(512);

        static final DataSize MAX_FRAME_SIZE = DataSize.ofMegabytes(1);

        public Socket {
            subscribeTimeout = positive(subscribeTimeout, DEFAULT_SUBSCRIBE_TIMEOUT, "subscribe-timeout");
            pingInterval = positive(pingInterval, DEFAULT_PING_INTERVAL, "ping-interval");
            maxFrameSize = (maxFrameSize != null) ? maxFrameSize : DEFAULT_MAX_FRAME_SIZE;
            if (maxFrameSize.compareTo(MIN_FRAME_SIZE) < 0 || maxFrameSize.compareTo(MAX_FRAME_SIZE) > 0) {
                throw new IllegalArgumentException("qrlogin.gateway.socket.max-frame-size must be between "
                        + MIN_FRAME_SIZE + " and " + MAX_FRAME_SIZE + ", was " + maxFrameSize);
            }
        }

        /** The defaults: subscribe within 10 s, a ping every 20 s, frames up to 4 KB. */
        public static Socket defaults() {
            return new Socket(null, null, null);
        }

        private static Duration positive(@Nullable Duration value, Duration fallback, String name) {
            if (value == null) {
                return fallback;
            }
            if (value.toMillis() <= 0) {
                throw new IllegalArgumentException("qrlogin.gateway.socket." + name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
