package io.qrlogin.session;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.qrlogin.support.config.EdgeSettings;
import io.qrlogin.support.config.EventsSettings;
import io.qrlogin.core.ticket.TicketLifetimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPropertiesTest {

    private final ECKey first = TestKeys.ec("2026-01");

    private final ECKey second = TestKeys.ec("2026-07");

    @Test
    void bindWhenDemoModeWithoutKeysThenDefaults() {
        SessionProperties properties = bind(Map.of("qrlogin.demo.enabled", "true"));

        assertThat(properties.ticket()).isEqualTo(TicketLifetimes.defaults());
        assertThat(properties.events().topic()).isEqualTo(EventsSettings.DEFAULT_TOPIC);
        assertThat(properties.edge().clientIpHeader()).isEqualTo(EdgeSettings.DEFAULT_CLIENT_IP_HEADER);
        assertThat(properties.session().issuer()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(properties.session().tokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.session().signing().jwks()).isNull();
        assertThat(properties.session().signing().keyId()).isNull();
        assertThat(properties.session().signing().keys()).isEmpty();
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
        SessionProperties properties = bind(Map.of("qrlogin.session.issuer", "https://login.example.com",
                "qrlogin.session.token-lifetime", "15m", "qrlogin.session.signing.jwks",
                TestKeys.jwks(this.first, this.second), "qrlogin.session.signing.key-id", "2026-07",
                "qrlogin.demo.app-token-lifetime", "1h", "qrlogin.ticket.confirmed", "20s"));

        assertThat(properties.session().issuer()).isEqualTo(URI.create("https://login.example.com"));
        assertThat(properties.session().tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.session().signing().keyId()).isEqualTo("2026-07");
        assertThat(properties.session().signing().keys()).extracting(ECKey::getKeyID).containsExactly("2026-01", "2026-07");
        assertThat(properties.session().signing().signingKey()).isEqualTo(this.second);
        assertThat(properties.demo().enabled()).isFalse();
        assertThat(properties.demo().appTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.ticket().confirmed()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void keyIdWhenUnsetThenTheFirstKeySigns() {
        SessionProperties.Signing signing = new SessionProperties.Signing(TestKeys.jwks(this.first, this.second), null);

        assertThat(signing.keyId()).isEqualTo("2026-01");
        assertThat(signing.signingKey()).isEqualTo(this.first);
    }

    @Test
    void keyIdWhenNotInTheSetThenFailsNamingTheKnownKids() {
        assertThatThrownBy(() -> new SessionProperties.Signing(TestKeys.jwks(this.first), "2027-01"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'2027-01'")
            .hasMessageContaining("[2026-01]");
    }

    @Test
    void keyIdWithoutKeysThenFails() {
        assertThatThrownBy(() -> new SessionProperties.Signing(null, "2026-01"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("qrlogin.session.signing.jwks is not");
    }

    @Test
    void signingKeyWhenPublicOnlyThenFails() {
        assertThatThrownBy(() -> new SessionProperties.Signing(TestKeys.jwks(this.first.toPublicJWK()), null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no private part");
    }

    @Test
    void retiredKeyMayBePublicOnly() {
        SessionProperties.Signing signing = new SessionProperties.Signing(
                TestKeys.jwks(this.first.toPublicJWK(), this.second), "2026-07");

        assertThat(signing.keys()).extracting(ECKey::getKeyID).containsExactly("2026-01", "2026-07");
    }

    @Test
    void keysWhenNotEcP256ThenFails() throws Exception {
        String rsa = TestKeys.jwks(new RSAKeyGenerator(2048).keyID("rsa").generate());
        String p384 = TestKeys.jwks(TestKeys.ec(Curve.P_384, "p384"));

        assertThatThrownBy(() -> new SessionProperties.Signing(rsa, null)).hasMessageContaining("'rsa' is not an EC P-256 key");
        assertThatThrownBy(() -> new SessionProperties.Signing(p384, null)).hasMessageContaining("'p384' is not an EC P-256 key");
    }

    @Test
    void keysWhenAKidIsMissingOrRepeatedThenFails() {
        String noKid = TestKeys.jwks(TestKeys.ec(null));
        String twice = TestKeys.jwks(this.first, TestKeys.ec("2026-01"));

        assertThatThrownBy(() -> new SessionProperties.Signing(noKid, null)).hasMessageContaining("every key needs a kid");
        assertThatThrownBy(() -> new SessionProperties.Signing(twice, null)).hasMessageContaining("'2026-01' appears twice");
    }

    @Test
    void keysWhenNotForEs256SigningThenFails() {
        String encryption = "{\"keys\":[" + this.first.toJSONString().replace("{", "{\"use\":\"enc\",") + "]}";
        String es384 = "{\"keys\":[" + this.first.toJSONString().replace("{", "{\"alg\":\"ES384\",") + "]}";

        assertThatThrownBy(() -> new SessionProperties.Signing(encryption, null)).hasMessageContaining("not for signing");
        assertThatThrownBy(() -> new SessionProperties.Signing(es384, null)).hasMessageContaining("not for ES256");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"keys\":[]}", "{}", "not json", "[1,2]" })
    void keysWhenNotAJwkSetThenFailsWithoutQuotingTheInput(String jwks) {
        assertThatThrownBy(() -> new SessionProperties.Signing(jwks, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("qrlogin.session.signing.jwks")
            .hasNoCause()
            .message().doesNotContain(jwks);
    }

    @Test
    void keyWhenMalformedThenFailsWithoutQuotingThePrivateKey() {
        String d = this.first.getD().toString();
        String broken = TestKeys.jwks(this.first).replace(this.first.getX().toString(), this.second.getX().toString());

        assertThatThrownBy(() -> new SessionProperties.Signing(broken, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasNoCause()
            .message().doesNotContain(d);
    }

    @Test
    void toStringNeverShowsTheKeys() {
        SessionProperties properties = TestKeys.properties(TestKeys.jwks(this.first, this.second), "2026-07");

        assertThat(properties.toString()).doesNotContain(this.first.getD().toString(), this.second.getD().toString())
            .contains("<2 keys>", "keyId=2026-07");
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

    @ParameterizedTest
    @ValueSource(strings = { "qrlogin.session.token-lifetime", "qrlogin.demo.app-token-lifetime" })
    void lifetimeWhenUnderASecondThenFails(String property) {
        Map<String, String> values = new HashMap<>(Map.of("qrlogin.demo.enabled", "true"));
        values.put(property, "0s");

        assertThatThrownBy(() -> bind(values)).rootCause().hasMessageContaining(property);
    }

    private static SessionProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", SessionProperties.class);
    }
}
