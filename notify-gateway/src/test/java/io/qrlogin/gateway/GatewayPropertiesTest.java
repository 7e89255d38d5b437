package io.qrlogin.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.testing.StartupFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsSet() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo("qrlogin.events");
        assertThat(properties.events().publishWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-QrLogin-Client-Ip");
        GatewayProperties.Gateway gateway = properties.gateway();
        assertThat(gateway.qrServiceUri()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(gateway.scanServiceUri()).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(gateway.sessionServiceUri()).isEqualTo(URI.create("http://localhost:8083"));
        assertThat(gateway.oidcProviderUri()).isEqualTo(URI.create("http://localhost:8084"));
        assertThat(gateway.allowedOrigins()).containsExactly("http://localhost:8080");
        assertThat(gateway.trustedProxies()).isZero();
        assertThat(gateway.socket().subscribeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(gateway.socket().pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gateway.socket().maxFrameSize()).isEqualTo(DataSize.ofKilobytes(4));
        assertThat(gateway.resync()).isEqualTo(new GatewayProperties.Resync(Duration.ofSeconds(10), 8));
        assertThat(properties.demo().enabled()).isFalse();
        assertThat(properties.clients()).isEqualTo(ClientProperties.DEFAULTS);
        assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    void rateLimitDefaultsAreOnAndSizedForAnOfficeBehindOneAddress() {
        GatewayProperties.RateLimit defaults = bind(Map.of()).ratelimit();

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.browser()).isEqualTo(new GatewayProperties.Bucket(10, 100));
        assertThat(defaults.app()).isEqualTo(new GatewayProperties.Bucket(5, 30));
        assertThat(defaults.appAddress()).isEqualTo(new GatewayProperties.Bucket(50, 300));
        assertThat(defaults.browser().burstCapacity()).isGreaterThanOrEqualTo(100);
        assertThat(defaults.socketsPerAddress()).isEqualTo(500).isGreaterThanOrEqualTo(100);
        assertThat(bind(Map.of("qrlogin.ratelimit.enabled", "false")).ratelimit().enabled()).isFalse();
    }

    @Test
    void bucketDefaultsTheConfigurationMetadataShowsAreTheBoundOnes() throws IOException {
        JsonNode metadata;
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(json);
        }
        Map<String, Integer> shown = new HashMap<>();
        metadata.get("properties").forEach((property) -> {
            if (property.get("name").asString().startsWith("qrlogin.ratelimit.") && property.path("defaultValue").isNumber()) {
                shown.put(property.get("name").asString(), property.get("defaultValue").asInt());
            }
        });
        GatewayProperties.RateLimit defaults = bind(Map.of()).ratelimit();

        assertThat(shown).containsEntry("qrlogin.ratelimit.browser.replenish-rate", defaults.browser().replenishRate())
            .containsEntry("qrlogin.ratelimit.browser.burst-capacity", defaults.browser().burstCapacity())
            .containsEntry("qrlogin.ratelimit.app.replenish-rate", defaults.app().replenishRate())
            .containsEntry("qrlogin.ratelimit.app.burst-capacity", defaults.app().burstCapacity())
            .containsEntry("qrlogin.ratelimit.app-address.replenish-rate", defaults.appAddress().replenishRate())
            .containsEntry("qrlogin.ratelimit.app-address.burst-capacity", defaults.appAddress().burstCapacity())
            .containsEntry("qrlogin.ratelimit.sockets-per-address", defaults.socketsPerAddress());
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        GatewayProperties properties = bind(Map.ofEntries(Map.entry("qrlogin.ticket.pending", "45s"),
                Map.entry("qrlogin.events.topic", "audit.events"), Map.entry("qrlogin.edge.client-ip-header", "X-Real-Ip"),
                Map.entry("qrlogin.gateway.qr-service-uri", "http://qr:8080"),
                Map.entry("qrlogin.gateway.scan-service-uri", "https://scan.internal"),
                Map.entry("qrlogin.gateway.session-service-uri", "http://session:9000"),
                Map.entry("qrlogin.gateway.oidc-provider-uri", "http://oidc-provider:8084"),
                Map.entry("qrlogin.public-base-url", "https://login.example.com/"),
                Map.entry("qrlogin.gateway.allowed-origins", "https://login.example.com, https://app.example.com:8443"),
                Map.entry("qrlogin.gateway.trusted-proxies", "1"),
                Map.entry("qrlogin.gateway.socket.subscribe-timeout", "3s"),
                Map.entry("qrlogin.gateway.socket.ping-interval", "15s"),
                Map.entry("qrlogin.ratelimit.browser.replenish-rate", "1"),
                Map.entry("qrlogin.ratelimit.browser.burst-capacity", "3"),
                Map.entry("qrlogin.ratelimit.sockets-per-address", "20"), Map.entry("qrlogin.demo.enabled", "true")));
        GatewayProperties.Gateway gateway = properties.gateway();

        assertThat(properties.ticket().pending()).isEqualTo(Duration.ofSeconds(45));
        assertThat(properties.events().topic()).isEqualTo("audit.events");
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Real-Ip");
        assertThat(gateway.qrServiceUri()).isEqualTo(URI.create("http://qr:8080"));
        assertThat(gateway.scanServiceUri()).isEqualTo(URI.create("https://scan.internal"));
        assertThat(gateway.sessionServiceUri()).isEqualTo(URI.create("http://session:9000"));
        assertThat(gateway.oidcProviderUri()).isEqualTo(URI.create("http://oidc-provider:8084"));
        assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("https://login.example.com"));
        assertThat(gateway.allowedOrigins()).containsExactly("https://login.example.com", "https://app.example.com:8443");
        assertThat(gateway.trustedProxies()).isEqualTo(1);
        assertThat(gateway.socket().subscribeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(gateway.socket().pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(gateway.socket().maxFrameSize()).isEqualTo(DataSize.ofKilobytes(4));
        assertThat(properties.ratelimit().browser()).isEqualTo(new GatewayProperties.Bucket(1, 3));
        assertThat(properties.ratelimit().app()).isEqualTo(new GatewayProperties.Bucket(5, 30));
        assertThat(properties.ratelimit().socketsPerAddress()).isEqualTo(20);
        assertThat(properties.demo().enabled()).isTrue();
    }

    @Test
    void resyncWhenSetThenUsed() {
        GatewayProperties.Resync resync = bind(Map.of("qrlogin.gateway.resync.interval", "30s",
                "qrlogin.gateway.resync.concurrency", "2")).gateway().resync();

        assertThat(resync.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(resync.concurrency()).isEqualTo(2);
    }

    @Test
    void eventsPublishWaitWhenSetThenUsedElseTwoSeconds() {
        assertThat(bind(Map.of("qrlogin.events.publish-wait", "500ms")).events().publishWait())
            .isEqualTo(Duration.ofMillis(500));
        assertThat(bind(Map.of()).events().publishWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void bindFromEnvironmentVariables() {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> environment = Map.of("QRLOGIN_GATEWAY_QR_SERVICE_URI", "http://qr-service:8081",
                "QRLOGIN_GATEWAY_SESSION_SERVICE_URI", "http://session-service:8083", "QRLOGIN_GATEWAY_ALLOWED_ORIGINS",
                "https://a.example,https://b.example", "QRLOGIN_GATEWAY_TRUSTED_PROXIES", "2",
                "QRLOGIN_GATEWAY_SOCKET_MAX_FRAME_SIZE", "8KB", "QRLOGIN_EDGE_CLIENT_IP_HEADER", "X-Client",
                "QRLOGIN_GATEWAY_RESYNC_INTERVAL", "5s", "QRLOGIN_RATELIMIT_ENABLED", "false",
                "QRLOGIN_GATEWAY_OIDC_PROVIDER_URI", "http://oidc-provider:8084", "QRLOGIN_PUBLIC_BASE_URL",
                "https://login.example.com");
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment));

        GatewayProperties properties = new Binder(ConfigurationPropertySources.from(sources))
            .bindOrCreate("qrlogin", GatewayProperties.class);

        assertThat(properties.gateway().qrServiceUri()).isEqualTo(URI.create("http://qr-service:8081"));
        assertThat(properties.gateway().scanServiceUri()).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(properties.gateway().sessionServiceUri()).isEqualTo(URI.create("http://session-service:8083"));
        assertThat(properties.gateway().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(properties.gateway().trustedProxies()).isEqualTo(2);
        assertThat(properties.gateway().socket().maxFrameSize()).isEqualTo(DataSize.ofKilobytes(8));
        assertThat(properties.gateway().resync().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Client");
        assertThat(properties.ratelimit().enabled()).isFalse();
        assertThat(properties.gateway().oidcProviderUri()).isEqualTo(URI.create("http://oidc-provider:8084"));
        assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("https://login.example.com"));
    }

    @Test
    void allowedOriginsAreNormalisedToTheFormBrowsersSend() {
        GatewayProperties.Gateway gateway = bind(Map.of("qrlogin.gateway.allowed-origins",
                "HTTPS://Login.Example.com:443/, http://localhost:80, http://localhost:8080")).gateway();

        assertThat(gateway.allowedOrigins()).containsExactly("https://login.example.com", "http://localhost",
                "http://localhost:8080");
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("addressesNotOfTheirForm")
    void bindWhenAnAddressIsNotOfItsFormThenFailsNamingTheProperty(String property, String value, String named) {
        assertThatThrownBy(() -> bind(Map.of(property, value))).rootCause().hasMessageContaining(named);
    }

    static Stream<Arguments> addressesNotOfTheirForm() {
        Stream<Arguments> origins = notOfItsForm("qrlogin.gateway.allowed-origins", "allowed-origins", "*",
                "https://*.example.com", "login.example.com", "ftp://login.example.com", "https://login.example.com/path",
                "https://login.example.com?x=1");
        Stream<Arguments> services = Stream.of("qr-service-uri", "scan-service-uri", "session-service-uri", "oidc-provider-uri")
            .flatMap((property) -> notOfItsForm("qrlogin.gateway." + property, property, "qr-service:8081", "/relative",
                    "ftp://qr-service"));
        Stream<Arguments> publicBaseUrls = notOfItsForm("qrlogin.public-base-url", "qrlogin.public-base-url",
                "login.example.com", "/relative", "ftp://login.example.com", "https://login.example.com?x=1",
                "https://login.example.com#top", "https://user@login.example.com");
        return Stream.of(origins, services, publicBaseUrls).flatMap(Function.identity());
    }

    /** {@code property} set to each of {@code values}, with the part of its name the failure must show. */
    private static Stream<Arguments> notOfItsForm(String property, String named, String... values) {
        return Stream.of(values).map((value) -> Arguments.of(property, value, named));
    }

    @Test
    void startWhenNothingIsSetThenTheDefaultsAreValid() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(GatewayProperties.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "qrlogin.gateway.trusted-proxies=-1 | Property: qrlogin.gateway.trustedProxies",
            "qrlogin.gateway.trusted-proxies=11 | Property: qrlogin.gateway.trustedProxies",
            "qrlogin.gateway.allowed-origins= | Property: qrlogin.gateway.allowedOrigins",
            "qrlogin.gateway.socket.subscribe-timeout=0s | Property: qrlogin.gateway.socket.subscribeTimeout",
            "qrlogin.gateway.socket.ping-interval=-1s | Property: qrlogin.gateway.socket.pingInterval",
            "qrlogin.gateway.socket.max-frame-size=100B | qrlogin.gateway.socket.max-frame-size must be between",
            "qrlogin.gateway.socket.max-frame-size=2MB | qrlogin.gateway.socket.max-frame-size must be between",
            "qrlogin.gateway.resync.interval=0s | Property: qrlogin.gateway.resync.interval",
            "qrlogin.gateway.resync.concurrency=0 | Property: qrlogin.gateway.resync.concurrency",
            "qrlogin.ratelimit.sockets-per-address=0 | Property: qrlogin.ratelimit.socketsPerAddress",
            "qrlogin.events.topic= | Property: qrlogin.events.topic",
            "qrlogin.events.publish-wait=-1s | Property: qrlogin.events.publishWait",
            "qrlogin.edge.client-ip-header= | Property: qrlogin.edge.clientIpHeader",
            "qrlogin.ticket.tombstone=0s | qrlogin.ticket.tombstone must be positive" })
    void startWhenAValueIsInvalidThenFailsNamingTheProperty(String setting, String message) {
        StartupFailures.assertStartFails(this.runner.withPropertyValues(setting), message);
    }

    @Test
    void startWhenABucketRefillsNothingOrHoldsLessThanItRefillsThenFails() {
        StartupFailures.assertStartFails(this.runner.withPropertyValues("qrlogin.ratelimit.browser.replenish-rate=0",
                "qrlogin.ratelimit.browser.burst-capacity=10"), "Property: qrlogin.ratelimit.browser.replenishRate");
        StartupFailures.assertStartFails(this.runner.withPropertyValues("qrlogin.ratelimit.app.replenish-rate=10",
                "qrlogin.ratelimit.app.burst-capacity=5"), "burst-capacity >= replenish-rate");
    }

    private static GatewayProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", GatewayProperties.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class PropertiesOnly {

    }
}
