package io.qrlogin.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local system starts and how the parts find each other, without starting anything. */
class LocalSettingsTest {

    private final LocalSettings settings = LocalSettings.defaults(Path.of("/checkout"), 1);

    private final Map<String, LocalSettings.ServiceSpec> services = this.settings.services().stream()
        .collect(Collectors.toMap(LocalSettings.ServiceSpec::name, Function.identity()));

    @Test
    void theFiveServicesThenTheDemoRelyingPartyOnTheDocumentedPorts() {
        assertThat(this.settings.services()).extracting(LocalSettings.ServiceSpec::name)
            .containsExactly("session-service", "qr-service", "scan-service", "oidc-provider", "notify-gateway", "demo-rp");
        assertThat(this.services.get("oidc-provider").port()).isEqualTo(8084);
        assertThat(this.services.get("oidc-provider").properties()).containsEntry("management.server.port", "9084");
        assertThat(this.services.get("demo-rp").port()).isEqualTo(8085);
        assertThat(this.services.get("demo-rp").module()).isEqualTo("deploy/demo-rp");
        assertThat(this.settings.services()).filteredOn(LocalSettings.ServiceSpec::relyingParty)
            .extracting(LocalSettings.ServiceSpec::name)
            .containsExactly("demo-rp");
    }

    @Test
    void sessionServiceAndTheProviderSignWithTheSameKeysNeverPassedOnACommandLine() throws Exception {
        Map<String, String> session = this.services.get("session-service").environment();
        Map<String, String> provider = this.services.get("oidc-provider").environment();

        assertThat(session).containsOnlyKeys("QRLOGIN_SESSION_SIGNING_JWKS").isEqualTo(provider);
        List<ECKey> keys = JWKSet.parse(session.get("QRLOGIN_SESSION_SIGNING_JWKS")).getKeys().stream()
            .map(ECKey.class::cast)
            .toList();
        assertThat(keys).singleElement().satisfies((key) -> {
            assertThat(key.isPrivate()).isTrue();
            assertThat(key.getCurve().getName()).isEqualTo("P-256");
            assertThat(key.getKeyID()).isEqualTo(this.settings.signingKeys().keyId());
        });
        String jwks = session.get("QRLOGIN_SESSION_SIGNING_JWKS");
        for (LocalSettings.ServiceSpec spec : this.settings.services()) {
            assertThat(spec.properties().values()).as(spec.name()).noneMatch((value) -> value.contains(jwks));
            assertThat(spec.toString()).as(spec.name()).doesNotContain(jwks);
        }
        assertThat(this.settings.toString()).doesNotContain(jwks);
        assertThat(this.services.get("session-service").properties()).containsEntry("qrlogin.demo.enabled", "true");
    }

    @Test
    void theProviderAndTheGatewayKnowThePublicUrlAndEachOther() {
        assertThat(this.services.get("oidc-provider").properties())
            .containsEntry("qrlogin.session.issuer", "http://localhost:8080")
            .containsEntry("qrlogin.public-base-url", "http://localhost:8080")
            .containsEntry("spring.data.redis.url", "redis://127.0.0.1:6379");
        assertThat(this.services.get("notify-gateway").properties())
            .containsEntry("qrlogin.gateway.oidc-provider-uri", "http://127.0.0.1:8084")
            .containsEntry("qrlogin.public-base-url", "http://localhost:8080");
        assertThat(this.services.get("demo-rp").properties())
            .containsEntry("spring.security.oauth2.client.provider.qrlogin.issuer-uri", "http://localhost:8080")
            .containsEntry("spring.security.oauth2.client.registration.qrlogin.client-secret", LocalSettings.DEMO_RP_SECRET)
            .doesNotContainKey("spring.data.redis.url");
    }

    @Test
    void everyServiceKnowsTheClientsAndTheirOriginsAreTheGateways() {
        String origins = "http://localhost:8080,http://127.0.0.1:8080";
        for (String service : List.of("session-service", "qr-service", "scan-service", "oidc-provider", "notify-gateway")) {
            assertThat(this.services.get(service).properties()).as(service)
                .containsEntry("qrlogin.clients.web.origins", origins)
                .containsEntry("qrlogin.clients.cli.origins", origins)
                .containsEntry("qrlogin.clients.cli.type", "native")
                .containsEntry("qrlogin.clients.cli.redirect-uris", "http://127.0.0.1/callback,http://127.0.0.1")
                .containsEntry("qrlogin.clients.cli.post-logout-redirect-uris", "http://127.0.0.1/callback")
                .containsEntry("qrlogin.clients.cli.grant-types",
                        "authorization_code,refresh_token,urn:ietf:params:oauth:grant-type:device_code")
                .containsEntry("qrlogin.clients.cli.scopes", "openid,profile,offline_access")
                .containsEntry("qrlogin.clients.demo-rp.origins", origins)
                .containsEntry("qrlogin.clients.demo-rp.type", "confidential")
                .containsEntry("qrlogin.clients.demo-rp.redirect-uris", "http://localhost:8085/login/oauth2/code/qrlogin")
                .containsEntry("qrlogin.clients.demo-rp.post-logout-redirect-uris", "http://localhost:8085/")
                .containsEntry("qrlogin.clients.demo-rp.backchannel-logout-uri",
                        "http://localhost:8085/logout/connect/back-channel/qrlogin")
                .containsEntry("qrlogin.clients.demo-rp.grant-types", "authorization_code,refresh_token")
                .containsEntry("qrlogin.clients.demo-rp.scopes", "openid,profile,offline_access");
            String secret = this.services.get(service).properties().get("qrlogin.clients.demo-rp.secret");
            assertThat(secret).as(service).startsWith("{bcrypt}").doesNotContain(LocalSettings.DEMO_RP_SECRET);
            assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(LocalSettings.DEMO_RP_SECRET,
                    secret)).as(service).isTrue();
        }
    }

    @Test
    void onFreePortsThenTheProviderHasAManagementPortAndTheRelyingPartyItsOwnRedirectUri() {
        LocalSettings free = LocalSettings.onFreePorts(Path.of("/checkout"), Path.of("/tmp/logs"));

        assertThat(free.managementPorts()).containsKey(free.oidcPort()).doesNotContainKey(free.demoRpPort());
        assertThat(free.services()).filteredOn((spec) -> spec.name().equals("oidc-provider")).singleElement()
            .satisfies((spec) -> assertThat(spec.properties()).containsEntry("qrlogin.clients.demo-rp.redirect-uris",
                    "http://localhost:" + free.demoRpPort() + "/login/oauth2/code/qrlogin"));
        assertThat(free.withJvmOptions(List.of("-Xmx256m")).signingKeys()).isEqualTo(free.signingKeys());
    }
}
