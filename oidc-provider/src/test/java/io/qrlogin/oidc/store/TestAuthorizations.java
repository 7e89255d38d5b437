package io.qrlogin.oidc.store;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.ClientType;
import io.qrlogin.oidc.client.ConfiguredClients;
import io.qrlogin.oidc.login.QrAuthentication;
import io.qrlogin.testing.TestRedis;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Authorizations as Spring Authorization Server builds them for a QR login, as builders so each test
 * states only what it changes.
 */
final class TestAuthorizations {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static final QrAuthentication ALICE = new QrAuthentication("alice", "Alice Example", "session-1",
            NOW.minusSeconds(30));

    static final ConfiguredClients CLIENTS = new ConfiguredClients(ClientRegistry.of(Map.of("rp",
            new ClientProperties("Payroll", null, null, null, ClientType.CONFIDENTIAL,
                    "{bcrypt}$2a$10$8gHbbXmyJ0JKCiA2pSXoeu3pG9gTXtwd0mXyC7mT2SLQ0w0F5JYE.",
                    List.of("https://rp.example.test/callback"), null, List.of("authorization_code", "refresh_token"),
                    List.of("openid", "profile", "offline_access"), null, null, null, null, null))),
            Duration.ofMinutes(5), Duration.ofHours(8));

    static final RegisteredClient RP = CLIENTS.findByClientId("rp");

    private TestAuthorizations() {
    }

    /** A template on the shared test Redis, as the stores are given one in the running provider. */
    static StringRedisTemplate redis() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(TestRedis.url()));
        factory.afterPropertiesSet();
        factory.start();
        return new StringRedisTemplate(factory);
    }

    /** An authorization whose code was just issued to Alice for {@code rp}. */
    static OAuth2Authorization.Builder withCode() {
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri("https://login.example.test/oauth2/authorize")
            .clientId("rp")
            .redirectUri("https://rp.example.test/callback")
            .scopes(Set.of("openid", "profile", "offline_access"))
            .state("state-1")
            .additionalParameters(Map.of("nonce", "nonce-1", "code_challenge", "challenge", "code_challenge_method",
                    "S256"))
            .build();
        return OAuth2Authorization.withRegisteredClient(RP)
            .id(UUID.randomUUID().toString())
            .principalName(ALICE.getName())
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizedScopes(Set.of("openid", "profile", "offline_access"))
            .attribute(Principal.class.getName(), ALICE)
            .attribute(OAuth2AuthorizationRequest.class.getName(), request)
            .token(new OAuth2AuthorizationCode("code-" + UUID.randomUUID(), NOW, NOW.plusSeconds(300)));
    }

    /** The same after the code was exchanged for access, refresh and ID tokens. */
    static OAuth2Authorization.Builder withTokens() {
        OAuth2Authorization.Builder builder = withCode();
        OAuth2Authorization codeOnly = builder.build();
        return OAuth2Authorization.from(codeOnly)
            .invalidate(codeOnly.getToken(OAuth2AuthorizationCode.class).getToken())
            .token(accessToken(OAuth2AccessToken.TokenType.DPOP), (metadata) -> metadata
                .put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, accessTokenClaims()))
            .refreshToken(refreshToken())
            .token(idToken(), (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
                    idToken().getClaims()));
    }

    static OAuth2AccessToken accessToken(OAuth2AccessToken.TokenType type) {
        return new OAuth2AccessToken(type, "access-" + UUID.randomUUID(), NOW, NOW.plusSeconds(300),
                Set.of("openid", "profile", "offline_access"));
    }

    static OAuth2RefreshToken refreshToken() {
        return new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), NOW, NOW.plusSeconds(8 * 3600));
    }

    static OidcIdToken idToken() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", "https://login.example.test");
        claims.put("sub", "alice");
        claims.put("aud", Collections.singletonList("rp"));
        claims.put("iat", NOW);
        claims.put("exp", NOW.plusSeconds(1800));
        claims.put("sid", ALICE.sessionId());
        claims.put("auth_time", Date.from(ALICE.authTime()));
        claims.put("amr", new ArrayList<>(List.of("qr")));
        claims.put("acr", QrAuthentication.ACR);
        claims.put("nonce", "nonce-1");
        return new OidcIdToken("id-token-" + UUID.randomUUID(), NOW, NOW.plusSeconds(1800), claims);
    }

    private static Map<String, Object> accessTokenClaims() {
        Map<String, Object> cnf = new HashMap<>();
        cnf.put("jkt", "thumbprint");
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "alice");
        claims.put("iat", NOW);
        claims.put("cnf", cnf);
        claims.put("scope", new LinkedHashSet<>(List.of("openid", "profile")));
        return claims;
    }
}
