package io.qrlogin.qr;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.testing.StartupFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class QrPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsSet() {
        QrProperties properties = bind(Map.of());

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo("qrlogin.events");
        assertThat(properties.events().publishWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-QrLogin-Client-Ip");
        assertThat(properties.publicBaseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(properties.image().modulePixels()).isEqualTo(8);
        assertThat(properties.image().quietZone()).isEqualTo(4);
        assertThat(properties.landing().appName()).isEqualTo("QR Login");
        assertThat(properties.landing().appLink()).isEqualTo("qrlogin://scan?url={qrUrl}");
        assertThat(properties.clients()).isEqualTo(ClientProperties.DEFAULTS);
        assertThat(properties.mintGuard())
            .isEqualTo(new QrProperties.MintGuard(true, 0.8, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        QrProperties properties = bind(Map.of("qrlogin.ticket.pending", "45s", "qrlogin.events.topic", "audit.events",
                "qrlogin.edge.client-ip-header", "X-Real-Ip", "qrlogin.public-base-url", "https://login.example.com/",
                "qrlogin.image.module-pixels", "4", "qrlogin.image.quiet-zone", "2", "qrlogin.landing.app-name", "Acme",
                "qrlogin.landing.app-link", "acme://login?u={qrUrl}", "qrlogin.clients.payroll.name", "Payroll"));

        assertThat(properties.ticket().pending()).isEqualTo(Duration.ofSeconds(45));
        assertThat(properties.events().topic()).isEqualTo("audit.events");
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Real-Ip");
        assertThat(properties.qrUrl("abc")).isEqualTo("https://login.example.com/q/abc");
        assertThat(properties.image().modulePixels()).isEqualTo(4);
        assertThat(properties.image().quietZone()).isEqualTo(2);
        assertThat(properties.landing().appName()).isEqualTo("Acme");
        assertThat(properties.landing().appLink()).isEqualTo("acme://login?u={qrUrl}");
        assertThat(properties.clients()).containsOnlyKeys("payroll");
    }

    @Test
    void startWhenNothingIsSetThenTheDefaultsAreValid() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(QrProperties.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "qrlogin.image.module-pixels=0 | qrlogin.image.modulePixels",
            "qrlogin.image.module-pixels=33 | qrlogin.image.modulePixels",
            "qrlogin.image.quiet-zone=-1 | qrlogin.image.quietZone",
            "qrlogin.image.quiet-zone=17 | qrlogin.image.quietZone",
            "qrlogin.landing.app-name= | qrlogin.landing.appName",
            "qrlogin.landing.app-link= | qrlogin.landing.appLink",
            "qrlogin.events.topic= | qrlogin.events.topic",
            "qrlogin.events.publish-wait=-1s | qrlogin.events.publishWait",
            "qrlogin.edge.client-ip-header= | qrlogin.edge.clientIpHeader",
            "qrlogin.mint-guard.max-memory-fraction=0 | qrlogin.mintGuard.maxMemoryFraction",
            "qrlogin.mint-guard.max-memory-fraction=1 | qrlogin.mintGuard.maxMemoryFraction" })
    void startWhenAValueIsOutOfRangeThenFailsNamingTheProperty(String setting, String property) {
        StartupFailures.assertStartFails(this.runner.withPropertyValues(setting), "Property: " + property);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "qrlogin.public-base-url=ftp://login.example.com | qrlogin.public-base-url",
            "qrlogin.ticket.pending=0s | qrlogin.ticket.pending",
            "qrlogin.mint-guard.sample-interval=0s | qrlogin.mint-guard.sample-interval",
            "qrlogin.mint-guard.retry-after=500ms | qrlogin.mint-guard.retry-after" })
    void startWhenAValueIsInvalidThenFailsNamingTheProperty(String setting, String property) {
        StartupFailures.assertStartFails(this.runner.withPropertyValues(setting), property);
    }

    private static QrProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", QrProperties.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QrProperties.class)
    static class PropertiesOnly {

    }
}
