package io.qrlogin.oidc.store;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.oidc.client.ConfiguredClients;
import io.qrlogin.oidc.login.QrAuthentication;
import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The authorization store against the shared test Redis. */
class RedisOAuth2AuthorizationServiceIT {

    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private static final StringRedisTemplate REDIS = TestAuthorizations.redis();

    private final RedisOAuth2AuthorizationService store = new RedisOAuth2AuthorizationService(REDIS,
            TestAuthorizations.CLIENTS, Clock.systemUTC());

    @Test
    void savedAuthorizationIsFoundByIdAndByEachOfItsTokens() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();

        this.store.save(authorization);

        assertThat(this.store.findById(authorization.getId())).isNotNull()
            .satisfies((found) -> assertThat(found.getAccessToken().getToken().getTokenValue())
                .isEqualTo(authorization.getAccessToken().getToken().getTokenValue()));
        String code = authorization.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue();
        String access = authorization.getAccessToken().getToken().getTokenValue();
        String refresh = authorization.getRefreshToken().getToken().getTokenValue();
        String idToken = authorization.getToken(OidcIdToken.class).getToken().getTokenValue();
        assertThat(this.store.findByToken(code, CODE)).extracting(OAuth2Authorization::getId).isEqualTo(authorization.getId());
        assertThat(this.store.findByToken(access, OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
        assertThat(this.store.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
        assertThat(this.store.findByToken(idToken, ID_TOKEN)).isNotNull();
        // Revocation and introspection ask without a type.
        assertThat(this.store.findByToken(access, null)).isNotNull();
        assertThat(this.store.findByToken(refresh, null)).isNotNull();
    }

    @Test
    void tokenAskedForAsAnotherTypeThenNotFound() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);

        String access = authorization.getAccessToken().getToken().getTokenValue();

        assertThat(this.store.findByToken(access, OAuth2TokenType.REFRESH_TOKEN)).isNull();
        assertThat(this.store.findByToken("no-such-token", null)).isNull();
        assertThat(this.store.findById("no-such-id")).isNull();
    }

    @Test
    void stateOfAnAuthorizationWaitingForConsentFindsIt() {
        OAuth2Authorization waiting = TestAuthorizations.withCode().attribute(OAuth2ParameterNames.STATE, "consent-state")
            .build();

        this.store.save(waiting);

        assertThat(this.store.findByToken("consent-state", new OAuth2TokenType(OAuth2ParameterNames.STATE))).isNotNull();
    }

    @Test
    void saveOfAnAuthorizationReadBeforeAnotherSaveThenRefused() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);
        OAuth2Authorization first = this.store.findById(authorization.getId());
        OAuth2Authorization second = this.store.findById(authorization.getId());

        this.store.save(OAuth2Authorization.from(first).refreshToken(TestAuthorizations.refreshToken()).build());

        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.store
            .save(OAuth2Authorization.from(second).refreshToken(TestAuthorizations.refreshToken()).build()));
    }

    @Test
    void newAuthorizationWithTheIdOfAStoredOneThenRefused() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);

        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.store.save(authorization));
    }

    @Test
    void rotatedRefreshTokenNoLongerFindsItsAuthorizationButNamesItsFamily() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);
        String old = authorization.getRefreshToken().getToken().getTokenValue();
        OAuth2RefreshToken rotated = TestAuthorizations.refreshToken();

        this.store.save(OAuth2Authorization.from(this.store.findById(authorization.getId())).refreshToken(rotated).build());

        assertThat(this.store.findByToken(old, OAuth2TokenType.REFRESH_TOKEN)).isNull();
        assertThat(this.store.familyOfRetiredRefreshToken(old)).contains(authorization.getId());
        assertThat(this.store.findByToken(rotated.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
        assertThat(this.store.familyOfRetiredRefreshToken(rotated.getTokenValue())).isEmpty();
        assertThat(this.store.familyOfRefreshToken(rotated.getTokenValue())).contains(authorization.getId());
        assertThat(this.store.familyOfRefreshToken(authorization.getAccessToken().getToken().getTokenValue())).isEmpty();
    }

    @Test
    void refreshTokenOfAnEndedFamilyIsNoLongerRetiredButGone() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);
        String old = authorization.getRefreshToken().getToken().getTokenValue();
        this.store.save(OAuth2Authorization.from(this.store.findById(authorization.getId()))
            .refreshToken(TestAuthorizations.refreshToken()).build());

        this.store.remove(this.store.findById(authorization.getId()));

        assertThat(this.store.familyOfRetiredRefreshToken(old)).isEmpty();
        assertThat(this.store.findByToken(old, null)).isNull();
    }

    @Test
    void removedAuthorizationIsFoundByNothing() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);

        this.store.remove(authorization);

        assertThat(this.store.findById(authorization.getId())).isNull();
        assertThat(this.store.findByToken(authorization.getAccessToken().getToken().getTokenValue(), null)).isNull();
        assertThat(this.store.findByToken(authorization.getRefreshToken().getToken().getTokenValue(), null)).isNull();
    }

    @Test
    void keysNameNoTokenAndExpireWithWhatTheyIndex() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        String access = authorization.getAccessToken().getToken().getTokenValue();

        this.store.save(authorization);

        Set<String> keys = REDIS.keys("qrlogin:oidc:*");
        assertThat(keys).noneMatch((key) -> key.contains(access));
        long documentTtl = REDIS.getExpire(OidcKeys.authorization(authorization.getId()), TimeUnit.SECONDS);
        assertThat(Duration.ofSeconds(documentTtl)).isGreaterThan(Duration.ofHours(7))
            .isLessThanOrEqualTo(Duration.ofHours(8).plus(RedisOAuth2AuthorizationService.GRACE));
        long accessTtl = REDIS.getExpire(OidcKeys.token(access), TimeUnit.SECONDS);
        assertThat(Duration.ofSeconds(accessTtl)).isGreaterThan(Duration.ZERO)
            .isLessThanOrEqualTo(Duration.ofMinutes(5).plus(RedisOAuth2AuthorizationService.GRACE));
    }

    @Test
    void authorizationOfAClientNoLongerConfiguredThenNotFound() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens().build();
        this.store.save(authorization);
        RedisOAuth2AuthorizationService withoutRp = new RedisOAuth2AuthorizationService(REDIS,
                new ConfiguredClients(ClientRegistry.defaults(),
                        Duration.ofMinutes(5), Duration.ofHours(1)),
                Clock.systemUTC());

        assertThat(withoutRp.findById(authorization.getId())).isNull();
        assertThat(withoutRp.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN)).isNull();
    }

    @Test
    void endedSessionRemovesEveryAuthorizationItSignedInAndNoOther() {
        String sid = UUID.randomUUID().toString();
        OAuth2Authorization first = inSession(sid).build();
        OAuth2Authorization second = inSession(sid).build();
        OAuth2Authorization other = inSession(UUID.randomUUID().toString()).build();
        List.of(first, second, other).forEach(this.store::save);

        List<OAuth2Authorization> ended = this.store.endSession(sid);

        assertThat(ended).extracting(OAuth2Authorization::getId).containsExactlyInAnyOrder(first.getId(), second.getId());
        for (OAuth2Authorization authorization : List.of(first, second)) {
            assertThat(this.store.findById(authorization.getId())).isNull();
            assertThat(this.store.findByToken(authorization.getRefreshToken().getToken().getTokenValue(), null)).isNull();
            assertThat(this.store.findByToken(authorization.getAccessToken().getToken().getTokenValue(), null)).isNull();
        }
        assertThat(this.store.findById(other.getId())).isNotNull();
        assertThat(this.store.hasEnded(sid)).isTrue();
        assertThat(REDIS.hasKey(OidcKeys.session(sid))).isFalse();
    }

    @Test
    void sessionEndedTwiceThenTheSecondTimeEndsNothing() {
        String sid = UUID.randomUUID().toString();
        this.store.save(inSession(sid).build());

        assertThat(this.store.endSession(sid)).hasSize(1);
        assertThat(this.store.endSession(sid)).isEmpty();
    }

    @Test
    void authorizationOfAnEndedSessionThenRefusedAsInvalidGrantAndNotStored() {
        String sid = UUID.randomUUID().toString();
        this.store.endSession(sid);
        OAuth2Authorization late = inSession(sid).build();

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.store.save(late))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
        assertThat(this.store.findById(late.getId())).isNull();
        assertThat(this.store.findByToken(late.getAccessToken().getToken().getTokenValue(), null)).isNull();
    }

    @Test
    void sessionIndexExpiresWithTheLastAuthorizationItHolds() {
        String sid = UUID.randomUUID().toString();
        OAuth2Authorization authorization = inSession(sid).build();

        this.store.save(authorization);

        long indexTtl = REDIS.getExpire(OidcKeys.session(sid), TimeUnit.SECONDS);
        long documentTtl = REDIS.getExpire(OidcKeys.authorization(authorization.getId()), TimeUnit.SECONDS);
        assertThat(Duration.ofSeconds(indexTtl)).isGreaterThan(Duration.ofHours(7));
        assertThat(indexTtl).isBetween(documentTtl - 2, documentTtl + 2);
        assertThat(REDIS.keys("qrlogin:oidc:*")).noneMatch((key) -> key.contains(sid));
    }

    @Test
    void removedAuthorizationLeavesItsSessionsIndex() {
        String sid = UUID.randomUUID().toString();
        OAuth2Authorization authorization = inSession(sid).build();
        this.store.save(authorization);

        this.store.remove(authorization);

        assertThat(REDIS.opsForZSet().size(OidcKeys.session(sid))).isZero();
        assertThat(this.store.endSession(sid)).isEmpty();
    }

    /** Alice's authorization with tokens, signed in by the session {@code sid}. */
    private static OAuth2Authorization.Builder inSession(String sid) {
        return TestAuthorizations.withTokens()
            .attribute(Principal.class.getName(), new QrAuthentication("alice", "Alice Example", sid,
                    TestAuthorizations.NOW.minusSeconds(30)));
    }
}
