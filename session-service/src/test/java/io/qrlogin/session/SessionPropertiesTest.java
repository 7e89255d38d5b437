package io.qrlogin.session;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.testing.StartupFailures;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPropertiesTest {

    private final ECKey first = TestJwks.ec("2026-01");

    private final ECKey second = TestJwks.ec("2026-07");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesOnly.class)
        .withPropertyValues("qrlogin.demo.enabled=true");

    @Test
    void bindWhenDemoModeWithoutKeysThenDefaults() {
        SessionProperties properties = bind(Map.of("qrlogin.demo.enabled", "true"));

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo("qrlogin.events");
        assertThat(properties.events().publishWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.edge().clientIpHeader()).isEqualTo("X-QrLogin-Client-Ip");
        assertThat(properties.session().issuer()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(properties.session().tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.session().expirySweepInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.session().eventsTopic()).isEqualTo("qrlogin.sessions");
        assertThat(properties.session().signing().jwks()).isNull();
        assertThat(properties.session().signing().keyId()).isNull();
        assertThat(properties.demo().enabled()).isTrue();
        assertThat(properties.demo().appTokenLifetime()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void bindWhenNoKeysOutsideDemoModeThenStartupFailsSayingWhatToSet() {
        assertThatThrownBy(() -> bind(Map.of())).rootCause()
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("qrlogin.session.signing.jwks is required")
            .hasMessageContaining("QRLOGIN_SESSION_SIGNING_JWKS")
            .hasMessageContaining("qrlogin.demo.enabled=true");
    }

    @Test
    void bindWhenBlankKeysOutsideDemoModeThenStartupFails() {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.session.signing.jwks", " "))).rootCause()
            .hasMessageContaining("qrlogin.session.signing.jwks is required");
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        String jwks = TestJwks.jwks(this.first, this.second);
        SessionProperties properties = bind(Map.of("qrlogin.session.issuer", "https://login.example.com",
                "qrlogin.session.token-lifetime", "20m", "qrlogin.session.signing.jwks", jwks,
                "qrlogin.session.signing.key-id", "2026-07", "qrlogin.demo.app-token-lifetime", "1h",
                "qrlogin.ticket.confirmed", "20s"));

        assertThat(properties.session().issuer()).isEqualTo(URI.create("https://login.example.com"));
        assertThat(properties.session().tokenLifetime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(properties.session().signing().jwks()).isEqualTo(jwks);
        assertThat(properties.session().signing().keyId()).isEqualTo("2026-07");
        assertThat(properties.demo().enabled()).isFalse();
        assertThat(properties.demo().appTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.ticket().confirmed()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void keyIdWhenBlankThenUnsetAndStrippedOtherwise() {
        assertThat(new SessionProperties.Signing(" ", " ")).isEqualTo(new SessionProperties.Signing(null, null));
        assertThat(new SessionProperties.Signing("{}", " 2026-07 ").keyId()).isEqualTo("2026-07");
    }

    @Test
    void toStringNeverShowsTheKeys() {
        String jwks = TestJwks.jwks(this.first, this.second);
        SessionProperties properties = TestKeys.properties(jwks, "2026-07");

        assertThat(properties.toString()).doesNotContain(jwks, this.first.getD().toString(), this.second.getD().toString())
            .contains("jwks=<2 keys>", "keyId=2026-07");
    }

    @Test
    void toStringWhenTheKeySetIsUnreadableThenNeverEchoesIt() {
        String broken = "{\"keys\": [{\"kty\": \"EC\", \"d\": \"secret-part\"";

        assertThat(new SessionProperties.Signing(broken, null).toString()).doesNotContain("secret-part")
            .contains("jwks=<unreadable>");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://login.example.com", "https://login.example.com?tenant=a",
            "https://login.example.com#top", "login.example.com", "https://user@login.example.com" })
    void issuerWhenNotAPlainHttpUrlThenFails(String issuer) {
        assertThatThrownBy(() -> bind(Map.of("qrlogin.demo.enabled", "true", "qrlogin.session.issuer", issuer)))
            .rootCause()
            .hasMessageContaining("qrlogin.session.issuer");
    }

    @Test
    void issuerWhenTrailingSlashThenTrimmed() {
        SessionProperties properties = bind(Map.of("qrlogin.demo.enabled", "true", "qrlogin.session.issuer",
                "https://login.example.com/sso/"));

        assertThat(properties.session().issuer()).isEqualTo(URI.create("https://login.example.com/sso"));
    }

    @Test
    void startWhenDemoModeWithoutKeysThenTheDefaultsAreValid() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SessionProperties.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "qrlogin.session.token-lifetime | qrlogin.session.tokenLifetime",
            "qrlogin.demo.app-token-lifetime | qrlogin.demo.appTokenLifetime" })
    void lifetimeWhenUnderASecondThenStartupFailsNamingTheProperty(String setting, String property) {
        for (String lifetime : new String[] { "0s", "999ms", "-1h" }) {
            this.runner.withPropertyValues(setting + "=" + lifetime).run((context) -> {
                assertThat(context).as(lifetime).hasFailed();
                assertThat(StartupFailures.describe(context.getStartupFailure())).as(lifetime)
                    .contains("Property: " + property, "Reason: must be longer than or equal to 1 second");
            });
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "qrlogin.events.topic= | qrlogin.events.topic",
            "qrlogin.events.publish-wait=-1s | qrlogin.events.publishWait",
            "qrlogin.edge.client-ip-header= | qrlogin.edge.clientIpHeader" })
    void startWhenASharedValueIsOutOfRangeThenFailsNamingTheProperty(String setting, String property) {
        StartupFailures.assertStartFails(this.runner.withPropertyValues(setting), "Property: " + property);
    }

    @Test
    void startWhenNoKeysOutsideDemoModeThenFailsSayingWhatToSet() {
        StartupFailures.assertStartFails(this.runner.withPropertyValues("qrlogin.demo.enabled=false"),
                "qrlogin.session.signing.jwks is required");
    }

    private static SessionProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(new HashMap<>(values))).bindOrCreate("qrlogin",
                SessionProperties.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SessionProperties.class)
    static class PropertiesOnly {

    }
}
