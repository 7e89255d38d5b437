package io.qrlogin.session.discovery;

import com.nimbusds.jose.jwk.JWKSet;
import io.qrlogin.session.WebSliceConfiguration;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.token.SigningKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

/** The keys and the discovery document in a web slice: public, cacheable a few minutes, only what is true. */
@WebFluxTest(controllers = DiscoveryController.class, properties = { "qrlogin.demo.enabled=true",
        "qrlogin.session.issuer=https://login.example.com" })
@Import(WebSliceConfiguration.class)
class DiscoveryControllerTest {

    private static final String CACHE_A_FEW_MINUTES = "max-age=300, public";

    @Autowired
    private WebTestClient client;

    @Autowired
    private SigningKeys keys;

    @MockitoBean
    private RedisSessionStore sessions;

    @Test
    void jwksThenThePublicHalfOfEverySigningKeyCacheableAFewMinutes() throws Exception {
        String body = this.client.get().uri("/.well-known/jwks.json")
            // Public: a stray token is neither needed nor read.
            .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, CACHE_A_FEW_MINUTES)
            .expectBody(String.class).returnResult().getResponseBody();

        JWKSet published = JWKSet.parse(body);
        assertThat(published.getKeys()).isNotEmpty().allSatisfy((key) -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
        });
        assertThat(published.getKeys()).extracting((key) -> key.getKeyID()).contains(this.keys.keyId());
        assertThat(body).isEqualTo(this.keys.publicJwkSet());
        verifyNoInteractions(this.sessions);
    }

    @Test
    void openidConfigurationThenTheIssuerAndItsKeysAndNoFlowItDoesNotSupport() {
        this.client.get().uri("/.well-known/openid-configuration")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, CACHE_A_FEW_MINUTES)
            .expectBody().json("""
                    {"issuer": "https://login.example.com",
                     "jwks_uri": "https://login.example.com/.well-known/jwks.json",
                     "response_types_supported": [], "grant_types_supported": [],
                     "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["ES256"],
                     "token_endpoint_auth_methods_supported": ["none"],
                     "claims_supported": ["iss", "sub", "name", "aud", "iat", "exp", "jti", "sid", "amr", "acr", "auth_time"]}""",
                    true);
    }

    @Test
    void postOnTheKeysThenMethodNotAllowed() {
        this.client.post().uri("/.well-known/jwks.json").exchange()
            .expectStatus().isEqualTo(405)
            .expectBody().jsonPath("$.code").isEqualTo("method_not_allowed");
    }
}
