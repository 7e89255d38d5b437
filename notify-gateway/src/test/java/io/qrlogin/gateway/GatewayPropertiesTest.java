package io.qrlogin.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayPropertiesTest {

    @Test
    void defaultsWhenNothingIsSet() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo(EventsSettings.DEFAULT_TOPIC);
        assertThat(properties.edge().clientIpHeader()).isEqualTo(EdgeSettings.DEFAULT_CLIENT_IP_HEADER);
        GatewayProperties.Gateway gateway = properties.gateway();
        assertThat(gateway.qrServiceUri()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(gateway.scanServiceUri()).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(gateway.sessionServiceUri()).isEqualTo(URI.create("http://localhost:8083"));
        assertThat(gateway.allowedOrigins()).containsExactly("http://localhost:8080");
        assertThat(gateway.trustedProxies()).isZero();
        assertThat(gateway.socket().subscribeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(gateway.socket().pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gateway.socket().maxFrameSize()).isEqualTo(DataSize.ofKilobytes(4));
        assertThat(properties.clients()).isEqualTo(ClientProperties.DEFAULTS);
        assertThat(GatewayProperties.defaults()).isEqualTo(properties);
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        GatewayProperties properties = bind(Map.of("qrlogin.ticket.pending", "45s", "qrlogin.events.topic", "audit.events",
                "qrlogin.edge.client-ip-header", "X-Real-Ip", "qrlogin.gateway.qr-service-uri", "http://qr:8080",
                "qrlogin.gateway.scan-service-uri", "https://scan.internal", "qrlogin.gateway.session-service-uri",
                "http://session:9000", "qrlogin.gateway.allowed-origins", "https://login.example.com, https://app.example.com:8443",
                "qrlogin.gateway.trusted-proxies", "1", "qrlogin.gateway.socket.subscribe-timeout", "3s",
                "qrlogin.gateway.socket.ping-interval", "15s"));
        GatewayProperties.Gateway gateway = properties.gateway();

        assertThat(properties.ticket().pending()).isEqualTo(Duration.ofSeconds(45));
        assertThat(properties.events().topic()).isEqualTo("audit.events");
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Real-Ip");
        assertThat(gateway.qrServiceUri()).isEqualTo(URI.create("http://qr:8080"));
        assertThat(gateway.scanServiceUri()).isEqualTo(URI.create("https://scan.internal"));
        assertThat(gateway.sessionServiceUri()).isEqualTo(URI.create("http://session:9000"));
        assertThat(gateway.allowedOrigins()).containsExactly("https://login.example.com", "https://app.example.com:8443");
        assertThat(gateway.trustedProxies()).isEqualTo(1);
        assertThat(gateway.socket().subscribeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(gateway.socket().pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(gateway.socket().maxFrameSize()).isEqualTo(DataSize.ofKilobytes(4));
    }

    @Test
    void bindFromEnvironmentVariables() {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> environment = Map.of("QRLOGIN_GATEWAY_QR_SERVICE_URI", "http://qr-service:8081",
                "QRLOGIN_GATEWAY_SESSION_SERVICE_URI", "http://session-service:8083", "QRLOGIN_GATEWAY_ALLOWED_ORIGINS",
                "https://a.example,https://b.example", "QRLOGIN_GATEWAY_TRUSTED_PROXIES", "2",
                "QRLOGIN_GATEWAY_SOCKET_MAX_FRAME_SIZE", "8KB", "QRLOGIN_EDGE_CLIENT_IP_HEADER", "X-Client");
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment));

        GatewayProperties properties = new Binder(ConfigurationPropertySources.from(sources))
            .bindOrCreate("qrlogin", GatewayProperties.class);

        assertThat(properties.gateway().qrServiceUri()).isEqualTo(URI.create("http://qr-service:8081"));
        assertThat(properties.gateway().scanServiceUri()).isEqualTo(GatewayProperties.Gateway.DEFAULT_SCAN_SERVICE_URI);
        assertThat(properties.gateway().sessionServiceUri()).isEqualTo(URI.create("http://session-service:8083"));
        assertThat(properties.gateway().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(properties.gateway().trustedProxies()).isEqualTo(2);
        assertThat(properties.gateway().socket().maxFrameSize()).isEqualTo(DataSize.ofKilobytes(8));
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Client");
    }

    @Test
    void allowedOriginsAreNormalisedToTheFormBrowsersSend() {
        GatewayProperties.Gateway gateway = bind(Map.of("qrlogin.gateway.allowed-origins",
                "HTTPS://Login.Example.com:443/, http://localhost:80, http://localhost:8080")).gateway();

        assertThat(gateway.allowedOrigins()).containsExactly("https://login.example.com", "http://localhost",
                "http://localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", "https://*.example.com", "login.example.com", "ftp://login.example.com",
            "https://login.example.com/path", "https://login.example.com?x=1" })
    void bindWhenAllowedOriginIsNotAnOriginThenFails(String origin) {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.allowed-origins", origin)))
            .rootCause()
            .hasMessageContaining("allowed-origins");
    }

    @ParameterizedTest
    @ValueSource(strings = { "qr-service-uri", "scan-service-uri", "session-service-uri" })
    void bindWhenServiceUriNotAbsoluteHttpThenFails(String property) {
        for (String uri : List.of("qr-service:8081", "/relative", "ftp://qr-service")) {
            assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway." + property, uri))).as(uri)
                .rootCause()
                .hasMessageContaining(property);
        }
    }

    @Test
    void bindWhenTrustedProxiesOutOfRangeThenFails() {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.trusted-proxies", "-1"))).rootCause()
            .hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.trusted-proxies", "11"))).rootCause()
            .hasMessageContaining("trusted-proxies");
    }

    @Test
    void bindWhenSocketValuesInvalidThenFails() {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.socket.subscribe-timeout", "0s"))).rootCause()
            .hasMessageContaining("subscribe-timeout");
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.socket.ping-interval", "-1s"))).rootCause()
            .hasMessageContaining("ping-interval");
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.socket.max-frame-size", "100B"))).rootCause()
            .hasMessageContaining("max-frame-size");
        assertThatThrownBy(() -> bind(Map.of("qrlogin.gateway.socket.max-frame-size", "2MB"))).rootCause()
            .hasMessageContaining("max-frame-size");
    }

    @Test
    void gatewayWhenNoAllowedOriginThenFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GatewayProperties.Gateway(null, null, null, List.of(), 0, null))
            .withMessageContaining("allowed-origins");
    }

    private static GatewayProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", GatewayProperties.class);
    }
}
