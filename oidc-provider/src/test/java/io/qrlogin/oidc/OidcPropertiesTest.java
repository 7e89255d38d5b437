package io.qrlogin.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OidcPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(OidcConfiguration.class);

    @Test
    void bindWhenOnlyTheKeysAreSetThenDefaults() {
        this.context.withPropertyValues("qrlogin.session.signing.jwks=" + TestKeys.deployed()).run((context) -> {
            OidcProperties properties = context.getBean(OidcProperties.class);
            assertThat(properties.session().issuer()).isEqualTo(URI.create("http://localhost:8080"));
            assertThat(properties.session().signing().keyId()).isNull();
            assertThat(properties.oidc().loginTokenMaxAge()).isEqualTo(Duration.ofMinutes(2));
            assertThat(properties.oidc().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.oidc().refreshTokenLifetime()).isEqualTo(Duration.ofHours(8));
            assertThat(properties.clients()).isEqualTo(ClientProperties.DEFAULTS);
        });
    }

    @Test
    void bindWhenSetThenEveryValueIsUsed() {
        Map<String, String> values = new HashMap<>(Map.of("qrlogin.session.signing.jwks", TestKeys.deployed(),
                "qrlogin.session.signing.key-id", "2026-07", "qrlogin.session.issuer", "https://login.example.com/",
                "qrlogin.oidc.login-token-max-age", "90s", "qrlogin.oidc.access-token-lifetime", "10m",
                "qrlogin.oidc.refresh-token-lifetime", "12h", "qrlogin.clients.cli.name", "CLI",
                "qrlogin.clients.cli.type", "native", "qrlogin.clients.cli.redirect-uris", "http://127.0.0.1/callback"));
        this.context.withPropertyValues(values.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new)).run((context) -> {
                OidcProperties properties = context.getBean(OidcProperties.class);
                assertThat(properties.session().issuer()).as("trailing slash trimmed")
                    .isEqualTo(URI.create("https://login.example.com"));
                assertThat(properties.session().signing().keyId()).isEqualTo("2026-07");
                assertThat(properties.oidc().loginTokenMaxAge()).isEqualTo(Duration.ofSeconds(90));
                assertThat(properties.oidc().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
                assertThat(properties.oidc().refreshTokenLifetime()).isEqualTo(Duration.ofHours(12));
                assertThat(properties.clients().get("cli").type()).isEqualTo(io.qrlogin.core.client.ClientType.NATIVE);
            });
    }

    @Test
    void bindWhenNoKeysThenStartupFailsSayingWhatToSet() {
        this.context.run((context) -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("session.signing.jwks")
            .hasMessageContaining("QRLOGIN_SESSION_SIGNING_JWKS"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://login.example.com", "https://login.example.com?x=1", "https://login.example.com#f",
            "/relative" })
    void issuerWhenNotAPlainHttpUrlThenStartupFails(String issuer) {
        this.context.withPropertyValues("qrlogin.session.signing.jwks=" + TestKeys.deployed(),
                "qrlogin.session.issuer=" + issuer)
            .run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("qrlogin.session.issuer"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "login-token-max-age", "access-token-lifetime", "refresh-token-lifetime" })
    void lifetimeWhenUnderASecondThenStartupFails(String property) {
        this.context.withPropertyValues("qrlogin.session.signing.jwks=" + TestKeys.deployed(),
                "qrlogin.oidc." + property + "=500ms")
            .run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("qrlogin.oidc." + property));
    }

    @Test
    void clientThatIsNotOneThenStartupFailsNamingIt() {
        this.context.withPropertyValues("qrlogin.session.signing.jwks=" + TestKeys.deployed(),
                "qrlogin.clients.rp.name=RP", "qrlogin.clients.rp.type=confidential",
                "qrlogin.clients.rp.redirect-uris=https://rp.example.com/cb")
            .run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("qrlogin.clients.rp.secret"));
    }

    @Test
    void toStringNeverShowsTheKeys() {
        OidcProperties.Signing signing = new OidcProperties.Signing(TestKeys.deployed(), "2026-07");

        assertThat(signing.toString()).doesNotContain(TestKeys.CURRENT.getD().toString())
            .doesNotContain(TestKeys.CURRENT.getX().toString())
            .contains("<hidden>", "2026-07");
    }
}
