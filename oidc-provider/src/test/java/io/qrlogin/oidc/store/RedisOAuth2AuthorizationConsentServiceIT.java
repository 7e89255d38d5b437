package io.qrlogin.oidc.store;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent store against the shared test Redis. */
class RedisOAuth2AuthorizationConsentServiceIT {

    private static final StringRedisTemplate REDIS = TestAuthorizations.redis();

    private final RedisOAuth2AuthorizationConsentService store = new RedisOAuth2AuthorizationConsentService(REDIS);

    @Test
    void savedConsentIsFoundWithItsScopesAndExpiresInAYear() {
        String user = "user-" + System.nanoTime();
        this.store.save(OAuth2AuthorizationConsent.withId("rp", user).scope("openid").scope("profile").build());

        OAuth2AuthorizationConsent found = this.store.findById("rp", user);

        assertThat(found).isNotNull();
        assertThat(found.getScopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(found.getAuthorities()).extracting(GrantedAuthority::getAuthority)
            .containsExactlyInAnyOrder("SCOPE_openid", "SCOPE_profile");
        assertThat(REDIS.getExpire(OidcKeys.consent("rp", user), TimeUnit.DAYS)).isBetween(364L, 365L);
        assertThat(this.store.findById("spa", user)).isNull();
    }

    @Test
    void removedConsentIsNotFound() {
        String user = "user-" + System.nanoTime();
        OAuth2AuthorizationConsent consent = OAuth2AuthorizationConsent.withId("rp", user).scope("openid").build();
        this.store.save(consent);

        this.store.remove(consent);

        assertThat(this.store.findById("rp", user)).isNull();
    }
}
