package io.qrlogin.session.demo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Demo mode", description = "A stand-in identity provider for the app; only with qrlogin.demo.enabled=true")
class DemoController {

    private final DemoAppTokens tokens;

    DemoController(DemoAppTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(operationId = "demoAppToken", summary = "Sign the demo app in as anyone",
            description = "An app-user token (audience qrlogin-app) that scan-service trusts in demo mode.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "alice", value = "{\"username\": \"alice\"}"))),
            responses = @ApiResponse(responseCode = "200", description = "An app token",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "token", value = "{\"accessToken\": \"eyJ...\"}"))))
    @PostMapping(path = "/app-token", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DemoTokenResponse>> appToken(@RequestBody DemoTokenRequest request) {
        return Mono.fromCallable(() -> new DemoTokenResponse(this.tokens.issue(request.validUsername())))
            .map((body) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    /** Where scan-service, in demo mode, finds the key of app tokens. */
    @Operation(operationId = "demoJwks", summary = "The public key of demo app tokens")
    @GetMapping(path = "/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON)
            .body(this.tokens.publicJwkSet());
    }
}
