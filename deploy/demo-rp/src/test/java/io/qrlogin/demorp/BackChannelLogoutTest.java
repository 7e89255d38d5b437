package io.qrlogin.demorp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-channel logout as QR Login sends it: a logout token for a {@code sid} ends this app's sessions of
 * that {@code sid} and no other; anything that is not such a token, signed by the provider's key, is
 * refused and ends nothing. The provider's JWKS is served by a real HTTP server, as the decoder fetches it.
 */
@WebMvcTest(BackChannelLogoutController.class)
@Import({ SecurityConfiguration.class, SignedInSessions.class, BackChannelLogoutTest.QrLoginRegistration.class })
class BackChannelLogoutTest {

    private static final String ISSUER = TestClientRegistrations.ISSUER;

    private static final ECKey PROVIDER_KEY = key("provider-key");

    private static HttpServer jwks;

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private SignedInSessions sessions;

    @BeforeAll
    static void serveTheProvidersKeys() throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(PROVIDER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", (exchange) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
    }

    @AfterAll
    static void stopServing() {
        jwks.stop(0);
    }

    @Test
    void aValidLogoutTokenEndsEverySessionOfItsSidAndNoOther() {
        MockHttpSession first = signedIn("sid-1");
        MockHttpSession second = signedIn("sid-1");
        MockHttpSession other = signedIn("sid-2");

        assertThat(post(token(PROVIDER_KEY, "logout+jwt", (claims) -> claims.claim("sid", "sid-1")))).hasStatusOk();

        assertThat(first.isInvalid()).isTrue();
        assertThat(second.isInvalid()).isTrue();
        assertThat(other.isInvalid()).isFalse();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        assertRefused(token(key("provider-key"), "logout+jwt", (claims) -> claims.claim("sid", "sid-3")), "sid-3");
    }

    @Test
    void anIdTokenIsNotALogoutToken() {
        assertRefused(token(PROVIDER_KEY, "JWT", (claims) -> claims.claim("sid", "sid-4")), "sid-4");
        assertRefused(token(PROVIDER_KEY, "logout+jwt", (claims) -> claims.claim("sid", "sid-4").claim("nonce", "n")),
                "sid-4");
    }

    @Test
    void aTokenForAnotherClientFromAnotherIssuerOrWithoutTheEventIsRefused() {
        assertRefused(token(PROVIDER_KEY, "logout+jwt", (claims) -> claims.claim("sid", "sid-5").audience("cli")), "sid-5");
        assertRefused(token(PROVIDER_KEY, "logout+jwt", (claims) -> claims.claim("sid", "sid-5").issuer("https://evil.example")),
                "sid-5");
        assertRefused(token(PROVIDER_KEY, "logout+jwt", (claims) -> claims.claim("sid", "sid-5").claim("events", Map.of())),
                "sid-5");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(token(PROVIDER_KEY, "logout+jwt", (claims) -> claims.claim("sid", "sid-6")
            .issueTime(Date.from(Instant.now().minusSeconds(600)))
            .expirationTime(Date.from(Instant.now().minusSeconds(300)))), "sid-6");
    }

    @Test
    void aMissingOrMalformedTokenIsRefused() {
        assertThat(this.mvc.post().uri(BackChannelLogoutController.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("")).hasStatus(400).bodyJson().extractingPath("$.error").isEqualTo("invalid_request");
        assertThat(post("not-a-jwt")).hasStatus(400).bodyJson().extractingPath("$.error").isEqualTo("invalid_request");
    }

    private void assertRefused(String token, String sid) {
        MockHttpSession session = signedIn(sid);
        assertThat(post(token)).hasStatus(400).bodyJson().extractingPath("$.error").isEqualTo("invalid_request");
        assertThat(session.isInvalid()).isFalse();
    }

    private MockHttpSession signedIn(String sid) {
        MockHttpSession session = new MockHttpSession();
        this.sessions.signedIn(sid, session);
        return session;
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult post(String token) {
        return this.mvc.post().uri(BackChannelLogoutController.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("logout_token=" + token).exchange();
    }

    /** A logout token as QR Login signs one, changed by {@code change}. */
    private static String token(ECKey key, String type, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
            .audience("demo-rp")
            .subject("alice")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(120)))
            .jwtID(UUID.randomUUID().toString())
            .claim("events", Map.of(LogoutTokenDecoder.EVENT, Map.of()));
        change.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(type)).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ECKey key(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class QrLoginRegistration {

        @Bean
        ClientRegistrationRepository clientRegistrationRepository() {
            String base = "http://127.0.0.1:" + jwks.getAddress().getPort();
            return new InMemoryClientRegistrationRepository(TestClientRegistrations.qrLogin().jwkSetUri(base + "/jwks").build());
        }
    }
}
