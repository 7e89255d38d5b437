package io.qrlogin.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.Origins;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.support.config.TicketEngineSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The notify-gateway's settings, bound from {@code qrlogin.*}. Unset values take their defaults;
 * invalid ones fail the start-up with a message naming the property.
 *
 * @param ticket ticket lifetimes, shared with every service of the ticket engine
 * @param events the event stream the gateway fans out to browser sockets (and publishes expiries to)
 * @param edge how the services trust the edge: the header in which the gateway passes the client IP
 * @param gateway the routes, the client-IP policy, the browser WebSocket and the resynchronisation of its tickets
 * @param ratelimit the rate limits at the edge
 * @param demo the demo pages
 * @param clients the clients (sites) by client id, shared by every service: here, the browser origins that may
 * open the socket and call the API cross-origin; setting any replaces the default {@code web}
 * @param publicBaseUrl the gateway's public URL, as browsers and app backends reach it (the same setting
 * qr-service encodes in QR codes, and the OpenID Provider's issuer): the scheme, host, port and path the
 * OpenID Provider is told its requests were addressed to
 */
@ConfigurationProperties("qrlogin")
@Validated
public record GatewayProperties(@NestedConfigurationProperty @DefaultValue @NotNull @Valid TicketLifetimes ticket,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EventsSettings events,
        @NestedConfigurationProperty @DefaultValue @NotNull @Valid EdgeSettings edge,
        @DefaultValue @NotNull @Valid Gateway gateway, @DefaultValue @NotNull @Valid RateLimit ratelimit,
        @DefaultValue @NotNull @Valid Demo demo, @DefaultValue Map<String, ClientProperties> clients,
        @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl) implements TicketEngineSettings {

    public GatewayProperties {
        // A map's default cannot be declared; ClientRegistry validates the clients.
        clients = (clients == null || clients.isEmpty()) ? ClientProperties.DEFAULTS : Map.copyOf(clients);
        publicBaseUrl = (publicBaseUrl != null) ? publicBaseUrl(publicBaseUrl) : null;
    }

    /** An absolute http(s) URL without query, fragment or user info, and without a trailing slash. */
    private static URI publicBaseUrl(URI url) {
        String scheme = url.getScheme();
        boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!http || !url.isAbsolute() || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "qrlogin.public-base-url must be an absolute http(s) URL without query or fragment, was " + url);
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    /**
     * The demo pages: {@code /} a login page using the widget, {@code /app} a phone-app simulator.
     *
     * @param enabled whether the gateway serves them; never in production
     */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    /**
     * The edge.
     *
     * @param qrServiceUri where {@code /api/qr/**} and {@code /q/**} go
     * @param scanServiceUri where {@code /api/scan/**} goes
     * @param sessionServiceUri where {@code /api/session/**}, {@code /api/demo/**} and {@code /.well-known/jwks.json} go
     * @param oidcProviderUri where the OpenID Provider's paths go: {@code /oauth2/**}, {@code /userinfo},
     * {@code /connect/**}, {@code /login/**} and its discovery documents under {@code /.well-known/}
     * @param allowedOrigins browser origins (scheme://host[:port]) that may open the {@code /ws/qr} socket and call
     * {@code /api/**} cross-origin, besides every registered client's origins
     * @param trustedProxies how many proxies in front of the gateway (an Ingress, a load balancer) append to
     * X-Forwarded-For; 0 means the gateway faces clients and the TCP peer is the client (more than 10 is a typo)
     * @param socket the browser WebSocket
     * @param resync how the gateway makes up for ticket events it never received
     */
    public record Gateway(@DefaultValue("http://localhost:8081") @NotNull URI qrServiceUri,
            @DefaultValue("http://localhost:8082") @NotNull URI scanServiceUri,
            @DefaultValue("http://localhost:8083") @NotNull URI sessionServiceUri,
            @DefaultValue("http://localhost:8084") @NotNull URI oidcProviderUri,
            @DefaultValue("http://localhost:8080") @NotEmpty List<String> allowedOrigins,
            @DefaultValue("0") @Min(0) @Max(10) int trustedProxies, @DefaultValue @NotNull @Valid Socket socket,
            @DefaultValue @NotNull @Valid Resync resync) {

        public Gateway {
            serviceUri(qrServiceUri, "qr-service-uri");
            serviceUri(scanServiceUri, "scan-service-uri");
            serviceUri(sessionServiceUri, "session-service-uri");
            serviceUri(oidcProviderUri, "oidc-provider-uri");
            if (allowedOrigins != null) {
                allowedOrigins = allowedOrigins.stream()
                    .map((origin) -> Origins.normalize(origin, "qrlogin.gateway.allowed-origins"))
                    .distinct()
                    .toList();
            }
        }

        private static void serviceUri(@Nullable URI uri, String name) {
            if (uri == null) {
                return;
            }
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("qrlogin.gateway." + name + " must be an absolute http(s) URI, was " + uri);
            }
        }
    }

    /**
     * The browser WebSocket ({@code /ws/qr}).
     *
     * @param subscribeTimeout how long a new socket may take to send its subscribe message before it is closed
     * @param pingInterval how often the gateway pings each socket, so proxies keep it open and dead peers show
     * @param maxFrameSize the largest frame (and message) a browser may send, 512B to 1MB; larger ones close the
     * socket
     */
    public record Socket(@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration subscribeTimeout,
            @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration pingInterval,
            @DefaultValue("4KB") @NotNull DataSize maxFrameSize) {

        /** A subscribe message takes about 250 bytes; less than this could not carry one. */
        static final DataSize MIN_FRAME_SIZE = DataSize.ofBytes(512);

        static final DataSize MAX_FRAME_SIZE = DataSize.ofMegabytes(1);

        public Socket {
            // No constraint compares data sizes.
            if (maxFrameSize != null
                    && (maxFrameSize.compareTo(MIN_FRAME_SIZE) < 0 || maxFrameSize.compareTo(MAX_FRAME_SIZE) > 0)) {
                throw new IllegalArgumentException("qrlogin.gateway.socket.max-frame-size must be between "
                        + MIN_FRAME_SIZE + " and " + MAX_FRAME_SIZE + ", was " + maxFrameSize);
            }
        }
    }

    /**
     * How the gateway makes up for ticket events it never received (a broker that is down or frozen, a
     * producer that died with unsent events): it re-reads in Redis the tickets its sockets follow on a
     * timer, whatever Kafka does, and at once when the broker answers again. Only real changes reach the
     * browsers: a socket never gets a state twice.
     *
     * @param interval how often every followed ticket is re-read; a change whose event was lost reaches the
     * browser within this time at worst
     * @param concurrency how many tickets one resynchronisation reads at a time
     */
    public record Resync(@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration interval,
            @DefaultValue("8") @Min(1) int concurrency) {
    }

    /**
     * Rate limits at the edge ({@code QRLOGIN_RATELIMIT_ENABLED=false} turns them all off, for benchmarks).
     * Token buckets in Redis, shared by every gateway instance.
     *
     * <p>The defaults are sized for a large office behind one NAT address: a login costs a browser two calls
     * (mint and redeem) and an open login page one mint every two minutes, so 10 calls a second with bursts of
     * 100 serve hundreds of people signing in at once from one address.
     *
     * @param enabled whether any limit applies
     * @param browser the bucket per client IP address for every browser call (everything but the app's): 10 a
     * second, bursts of 100
     * @param app the bucket per app user (the bearer token's subject) for the app's calls: 5 a second, bursts of 30
     * @param appAddress a backstop bucket per client IP address for the app's calls, so rotating made-up users from
     * one address gains nothing: 50 a second, bursts of 300
     * @param socketsPerAddress the most browser sockets one client IP address may hold on one gateway instance
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @NotNull @Valid Bucket browser,
            @NotNull @Valid Bucket app, @NotNull @Valid Bucket appAddress,
            @DefaultValue("500") @Min(1) int socketsPerAddress) {

        public RateLimit {
            // Each bucket kind has its own default size, which @DefaultValue cannot say: Bucket is one type for
            // all three. An unset bucket is bound as null. The IDE learns these sizes from
            // META-INF/additional-spring-configuration-metadata.json.
            browser = (browser != null) ? browser : new Bucket(10, 100);
            app = (app != null) ? app : new Bucket(5, 30);
            appAddress = (appAddress != null) ? appAddress : new Bucket(50, 300);
        }
    }

    /**
     * A token bucket.
     *
     * @param replenishRate calls per second, sustained
     * @param burstCapacity calls at once after a quiet spell, at least the replenish rate
     */
    public record Bucket(@Min(1) int replenishRate, int burstCapacity) {

        public Bucket {
            if (burstCapacity < replenishRate) {
                throw new IllegalArgumentException("qrlogin.ratelimit buckets need burst-capacity >= replenish-rate, "
                        + "were " + burstCapacity + " and " + replenishRate);
            }
        }

        /** Seconds until a refused caller has a token again: what {@code Retry-After} says. */
        public long retryAfterSeconds() {
            return Math.max(1, (long) Math.ceil(1.0 / this.replenishRate));
        }
    }
}
