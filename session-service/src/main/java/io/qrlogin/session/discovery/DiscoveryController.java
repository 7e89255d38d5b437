package io.qrlogin.session.discovery;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qrlogin.session.SessionProperties;
import io.qrlogin.session.token.SessionClaims;
import io.qrlogin.session.token.SigningKeys;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an app backend needs to verify session tokens itself: the public keys, and an OpenID
 * Connect discovery document pointing at them (so a resource server configured with the issuer
 * alone finds the keys). Both change only on key rotation, so caches may keep them a few minutes.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata">OpenID Connect Discovery 1.0 §3</a>
 */
@RestController
class DiscoveryController {

    static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final String jwks;

    private final Map<String, Object> configuration;

    DiscoveryController(SigningKeys keys, SessionProperties properties) {
        this.jwks = keys.publicJwkSet();
        this.configuration = configuration(properties.session().issuer().toString());
    }

    @GetMapping(path = JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(this.jwks);
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> openidConfiguration() {
        return ResponseEntity.ok().cacheControl(CACHE).body(this.configuration);
    }

    /**
     * Only what is true of this issuer. It has no authorization or token endpoint in the OAuth sense
     * (the browser redeems a confirmed QR code instead), so it declares no response or grant types
     * rather than letting the spec's defaults claim ones it does not support.
     */
    static Map<String, Object> configuration(String issuer) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("issuer", issuer);
        configuration.put("jwks_uri", issuer + JWKS_PATH);
        configuration.put("response_types_supported", List.of());
        configuration.put("grant_types_supported", List.of());
        configuration.put("subject_types_supported", List.of("public"));
        configuration.put("id_token_signing_alg_values_supported", List.of("ES256"));
        configuration.put("token_endpoint_auth_methods_supported", List.of("none"));
        configuration.put("claims_supported", SessionClaims.ALL);
        return Collections.unmodifiableMap(configuration);
    }
}
