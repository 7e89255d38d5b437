package io.qrlogin.oidc.store;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * The scopes users consented to, per client, in Redis (for clients with {@code require-consent}). A
 * consent is kept for a year after it was last given.
 */
public final class RedisOAuth2AuthorizationConsentService implements OAuth2AuthorizationConsentService {

    static final Duration LIFETIME = Duration.ofDays(365);

    private final StringRedisTemplate redis;

    private final JsonMapper json = JsonMapper.builder().build();

    public RedisOAuth2AuthorizationConsentService(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        List<String> authorities = consent.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
        this.redis.opsForValue().set(key(consent.getRegisteredClientId(), consent.getPrincipalName()),
                this.json.writeValueAsString(new StoredConsent(authorities)), LIFETIME);
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        this.redis.delete(key(consent.getRegisteredClientId(), consent.getPrincipalName()));
    }

    @Override
    public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        String stored = this.redis.opsForValue().get(key(registeredClientId, principalName));
        if (stored == null) {
            return null;
        }
        OAuth2AuthorizationConsent.Builder consent = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
        this.json.readValue(stored, StoredConsent.class).authorities()
            .forEach((authority) -> consent.authority(new SimpleGrantedAuthority(authority)));
        return consent.build();
    }

    private static String key(String registeredClientId, String principalName) {
        return OidcKeys.consent(registeredClientId, principalName);
    }

    /** @param authorities the granted authorities ({@code SCOPE_…}) */
    record StoredConsent(List<String> authorities) {
    }
}
