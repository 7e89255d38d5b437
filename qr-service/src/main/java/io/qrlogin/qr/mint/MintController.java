package io.qrlogin.qr.mint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/qr}: the browser asks for a login QR code. Checks the request, has the ticket minted
 * ({@link Minting}) and answers with its QR code ({@link MintResponses}).
 */
@RestController
@Tag(name = "QR codes", description = "The browser's login QR codes")
class MintController {

    private final Minting minting;

    private final MintResponses responses;

    MintController(Minting minting, MintResponses responses) {
        this.minting = minting;
        this.responses = responses;
    }

    @Operation(operationId = "mint", summary = "Mint a login QR code",
            responses = @ApiResponse(responseCode = "201", description = "The ticket and its QR code",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = MintResponse.class))))
    @PostMapping(path = "/api/qr", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<MintResponse>> mint(@RequestBody MintRequest request, ServerHttpRequest http,
            ServerHttpResponse response) {
        MintRequest.Valid valid = request.validate();
        HttpHeaders headers = http.getHeaders();
        return this.minting.mint(valid, this.responses.browserIp(http), headers.getFirst(HttpHeaders.USER_AGENT),
                headers.getOrigin())
            .doOnError(Minting.Refused.class, (refused) -> response.getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(refused.retryAfter().toSeconds())))
            .map((minted) -> this.responses.created(minted, valid));
    }
}
