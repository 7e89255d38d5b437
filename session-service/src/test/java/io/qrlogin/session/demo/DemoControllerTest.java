package io.qrlogin.session.demo;

import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.session.TestKeys;
import io.qrlogin.session.WebSliceConfiguration;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode's app-token issuer in a web slice: tokens its own published key verifies, and nothing without demo mode. */
@WebFluxTest(controllers = DemoController.class, properties = { "qrlogin.demo.enabled=true",
        "qrlogin.session.issuer=https://login.example.com" })
@Import({ WebSliceConfiguration.class, DemoConfiguration.class })
class DemoControllerTest {

    @Autowired
    private WebTestClient client;

    @MockitoBean
    private RedisSessionStore sessions;

    @Test
    void appTokenThenATokenForThatUserSignedByThePublishedKeyNeverCached() throws Exception {
        Map<String, Object> body = appToken("{\"username\":\"alice.example-1\"}")
            .expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();
        assertThat(body).containsOnlyKeys("accessToken");

        String jwks = this.client.get().uri("/api/demo/jwks.json").exchange()
            .expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.noCache())
            .expectBody(String.class).returnResult().getResponseBody();
        JWKSet keys = JWKSet.parse(jwks);
        assertThat(keys.getKeys()).singleElement().satisfies((key) -> assertThat(key.isPrivate()).isFalse());

        SignedJWT token = SignedJWT.parse((String) body.get("accessToken"));
        assertThat(token.verify(new ECDSAVerifier(keys.getKeys().get(0).toECKey()))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("alice.example-1");
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(DemoAppTokens.AUDIENCE);
    }

    static Stream<String> invalidBodies() {
        return Stream.of("{}", "{\"username\":\"\"}", "{\"username\":\"alice smith\"}", "{\"username\":\"<script>\"}",
                "{\"username\":\"" + "a".repeat(65) + "\"}", "{\"username\":[\"alice\"]}", "[]", "{not json", "");
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void appTokenWhenTheUsernameIsInvalidThenInvalidRequest(String json) {
        expectProblem(appToken(json), ProblemCode.INVALID_REQUEST);
    }

    @Test
    void appTokenWhenNotJsonThenUnsupportedMediaType() {
        expectProblem(this.client.post().uri("/api/demo/app-token").contentType(MediaType.TEXT_PLAIN).bodyValue("alice")
            .exchange(), ProblemCode.UNSUPPORTED_MEDIA_TYPE);
    }

    private WebTestClient.ResponseSpec appToken(String json) {
        return this.client.post().uri("/api/demo/app-token").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
            .exchange();
    }

    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @WebFluxTest(controllers = DemoController.class, properties = "qrlogin.session.issuer=https://login.example.com")
    @Import({ WebSliceConfiguration.class, DemoConfiguration.class })
    class WhenDemoModeIsOff {

        @DynamicPropertySource
        static void configuredKeys(DynamicPropertyRegistry registry) {
            registry.add("qrlogin.session.signing.jwks", () -> TestJwks.jwks(TestJwks.ec("configured")));
        }

        @Autowired
        private WebTestClient client;

        @MockitoBean
        private RedisSessionStore sessions;

        @Test
        void demoEndpointsThenNotFound() {
            this.client.post().uri("/api/demo/app-token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"alice\"}").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
            this.client.get().uri("/api/demo/jwks.json").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
        }
    }
}
