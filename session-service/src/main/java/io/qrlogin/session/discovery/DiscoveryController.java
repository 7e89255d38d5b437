package io.qrlogin.session.discovery;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qrlogin.session.SessionProperties;
import io.qrlogin.session.token.SessionClaims;
import io.qrlogin.session.token.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Keys", description = "What app backends need to verify session tokens themselves")
class DiscoveryController {

    private static final String JWKS_EXAMPLE = """
            {"keys": [{"kty": "EC", "crv": "P-256", "kid": "2026-11", "use": "sig", "alg": "ES256",
                       "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""";

    static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final String jwks;

    private final Map<String, Object> configuration;

    DiscoveryController(SigningKeys keys, SessionProperties properties) {
        this.jwks = keys.publicJwkSet();
        this.configuration = configuration(properties.session().issuer().toString());
    }

    @Operation(operationId = "jwks", summary = "The public keys of session tokens (RFC 7517 JWK set)",
            responses = @ApiResponse(responseCode = "200", description = "Every signing key's public half",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "jwks", value = JWKS_EXAMPLE))))
    @GetMapping(path = JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(this.jwks);
    }

    @Operation(operationId = "openidConfiguration", summary = "OpenID Connect discovery document pointing at the keys")
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
