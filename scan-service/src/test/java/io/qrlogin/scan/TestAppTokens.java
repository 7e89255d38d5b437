package io.qrlogin.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.sun.net.httpserver.HttpServer;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.testing.TestJwks;

/**
 * App tokens as the app's identity provider would sign them: ES256 with a {@code kid}, verifiable
 * through a real JWKS endpoint served from this JVM. The key set is served once per test JVM.
 */
public final class TestAppTokens {

    /** The audience the app tokens are for ({@code spring.security.oauth2.resourceserver.jwt.audiences}). */
    public static final String AUDIENCE = "qrlogin-app";

    private static final String KEY_ID = "test-app-key";

    private static final ECKey KEY = TestJwks.ec(KEY_ID);

    /** A different key under the same {@code kid}: a forgery the signature check must catch. */
    private static final ECKey IMPOSTOR = TestJwks.ec(KEY_ID);

    private static volatile String jwkSetUri;

    private TestAppTokens() {
    }

    /** The URL of the JWKS holding the public key, starting its server on first use. */
    public static String jwkSetUri() {
        if (jwkSetUri == null) {
            synchronized (TestAppTokens.class) {
                if (jwkSetUri == null) {
                    jwkSetUri = serve(new JWKSet(KEY.toPublicJWK()).toString());
                }
            }
        }
        return jwkSetUri;
    }

    /** A valid token for {@code user}: {@code sub} and {@code name}, five minutes to live. */
    public static String forUser(AppUser user) {
        return sign(KEY, claims(user, Instant.now().plus(Duration.ofMinutes(5))).build());
    }

    /** A token for {@code user} that expired ten minutes ago, well beyond any clock skew allowed. */
    public static String expired(AppUser user) {
        return sign(KEY, claims(user, Instant.now().minus(Duration.ofMinutes(10))).build());
    }

    /** A well-formed token for {@code user} whose signature does not match the published key. */
    public static String signedWithAnotherKey(AppUser user) {
        return sign(IMPOSTOR, claims(user, Instant.now().plus(Duration.ofMinutes(5))).build());
    }

    /** A token for {@code user} meant for another audience (another service of the same issuer). */
    public static String forAnotherAudience(AppUser user) {
        return sign(KEY, claims(user, Instant.now().plus(Duration.ofMinutes(5))).audience("another-service").build());
    }

    /** {@code alg: none}: the claims of a valid token, unsigned. */
    public static String unsigned(AppUser user) {
        return new PlainJWT(claims(user, Instant.now().plus(Duration.ofMinutes(5))).build()).serialize();
    }

    /** A valid token with exactly {@code claims} (plus nothing). */
    public static String withClaims(JWTClaimsSet claims) {
        return sign(KEY, claims);
    }

    private static JWTClaimsSet.Builder claims(AppUser user, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(user.subject())
            .claim("name", user.name())
            .audience(AUDIENCE)
            .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(5))))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        return TestJwks.sign(key, claims, JOSEObjectType.JWT);
    }

    private static String serve(String jwks) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", (exchange) -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-test-jwks"));
            return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/jwks.json";
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not serve the test JWKS", ex);
        }
    }
}
