package io.qrlogin.session.demo;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode's stand-in identity provider for the app: anyone may sign in as anyone. Exists only
 * with {@code qrlogin.demo.enabled=true}; otherwise its paths are not found.
 */
@RestController
@RequestMapping("/api/demo")
@ConditionalOnBooleanProperty(DemoConfiguration.ENABLED)
class DemoController {

    private final DemoAppTokens tokens;

    DemoController(DemoAppTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/app-token", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DemoTokenResponse>> appToken(@RequestBody DemoTokenRequest request) {
        return Mono.fromCallable(() -> new DemoTokenResponse(this.tokens.issue(request.validUsername())))
            .map((body) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    /** Where scan-service, in demo mode, finds the key of app tokens. */
    @GetMapping(path = "/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON)
            .body(this.tokens.publicJwkSet());
    }
}
