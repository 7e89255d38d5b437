package io.qrlogin.scan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.NumberMatching;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.support.apptoken.AppTokenKeys;
import io.qrlogin.support.apptoken.VerifiedTokens;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsSet() {
        ScanProperties properties = bind(Map.of());

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo("qrlogin.events");
        assertThat(properties.events().publishWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-QrLogin-Client-Ip");
        assertThat(properties.clients()).isEqualTo(ClientProperties.DEFAULTS);
        assertThat(properties.verifiedTokens()).isEqualTo(new VerifiedTokens(10_000, Duration.ofMinutes(2)));
        assertThat(properties.appTokens()).isEqualTo(new AppTokenKeys(Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofSeconds(2)));
        assertThat(properties.demo().enabled()).isFalse();
        assertThat(ClientRegistry.of(properties.clients()).require("web").name()).isEqualTo("Web");
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        ScanProperties properties = bind(Map.of("qrlogin.ticket.pending", "45s", "qrlogin.events.topic", "audit.events",
                "qrlogin.edge.client-ip-header", "X-Real-Ip", "qrlogin.clients.payroll.name", "Payroll",
                "qrlogin.clients.payroll.origins", "https://payroll.example.com, https://hr.example.com",
                "qrlogin.clients.payroll.audience", "payroll-api", "qrlogin.clients.payroll.number-matching", "true",
                "qrlogin.verified-tokens.size", "0", "qrlogin.verified-tokens.max-age", "30s"));

        assertThat(properties.ticket().pending()).isEqualTo(Duration.ofSeconds(45));
        assertThat(properties.ticket().confirmed()).isEqualTo(TicketLifetimes.DEFAULT_CONFIRMED);
        assertThat(properties.events().topic()).isEqualTo("audit.events");
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-Real-Ip");
        assertThat(ClientRegistry.of(properties.clients()).clients()).containsOnlyKeys("payroll");
        assertThat(ClientRegistry.of(properties.clients()).require("payroll")).isEqualTo(new Client("payroll", "Payroll",
                List.of("https://payroll.example.com", "https://hr.example.com"), "payroll-api", NumberMatching.ALWAYS));
        assertThat(properties.verifiedTokens()).isEqualTo(new VerifiedTokens(0, Duration.ofSeconds(30)));
    }

    @Test
    void registryWhenNameMissingThenFailsNamingTheProperty() {
        // The former qrlogin.clients.<id>.display-name binds to nothing: the start fails, naming the new key.
        ScanProperties properties = bind(Map.of("qrlogin.clients.payroll.display-name", "Payroll",
                "qrlogin.clients.payroll.origins", "https://payroll.example.com"));
        assertThatThrownBy(() -> ClientRegistry.of(properties.clients())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("qrlogin.clients.payroll.name");
    }

    @Test
    void startWhenNothingIsSetThenTheDefaultsAreValid() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ScanProperties.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "qrlogin.verified-tokens.size=-1 | qrlogin.verifiedTokens.size",
            "qrlogin.verified-tokens.max-age=-1s | qrlogin.verifiedTokens.maxAge",
            "qrlogin.events.topic= | qrlogin.events.topic",
            "qrlogin.events.publish-wait=-1s | qrlogin.events.publishWait",
            "qrlogin.edge.client-ip-header= | qrlogin.edge.clientIpHeader",
            "qrlogin.app-tokens.jwks-ttl=0s | qrlogin.appTokens.jwksTtl",
            "qrlogin.app-tokens.jwks-timeout=0s | qrlogin.appTokens.jwksTimeout" })
    void startWhenAValueIsOutOfRangeThenFailsNamingTheProperty(String setting, String property) {
        StartupFailures.assertStartFails(this.runner.withPropertyValues(setting), "Property: " + property);
    }

    @Test
    void startWhenATicketLifetimeIsNotPositiveThenFailsNamingTheProperty() {
        StartupFailures.assertStartFails(this.runner.withPropertyValues("qrlogin.ticket.confirmed=-5s"),
                "qrlogin.ticket.confirmed must be positive");
    }

    @Test
    void startWhenTheJwksRefreshIntervalIsNotShorterThanItsLifetimeThenFails() {
        StartupFailures.assertStartFails(this.runner.withPropertyValues("qrlogin.app-tokens.jwks-ttl=30s",
                "qrlogin.app-tokens.jwks-refresh-min-interval=30s"),
                "qrlogin.app-tokens.jwks-refresh-min-interval must be shorter than qrlogin.app-tokens.jwks-ttl");
    }

    @Test
    void startWhenTwoClientsShareASessionTokenAudienceThenFailsNamingBoth() {
        StartupFailures.assertStartFails(this.runner.withUserConfiguration(ScanConfiguration.class).withPropertyValues(
                "qrlogin.clients.payroll.name=Payroll", "qrlogin.clients.payroll.origins=https://payroll.example.com",
                "qrlogin.clients.payroll.audience=hr-api", "qrlogin.clients.leave.name=Leave",
                "qrlogin.clients.leave.origins=https://leave.example.com", "qrlogin.clients.leave.audience=hr-api"),
                "qrlogin.clients.leave and qrlogin.clients.payroll share the session-token audience 'hr-api'");
    }

    private static ScanProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", ScanProperties.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ScanProperties.class)
    static class PropertiesOnly {

    }
}
