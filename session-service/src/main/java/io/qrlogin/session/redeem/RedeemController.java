package io.qrlogin.session.redeem;

import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.session.token.SessionToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/session/redeem}: the browser that holds the verifier exchanges its confirmed
 * ticket for a session token; {@code POST /api/session/decline}: it refuses the login instead. Both are
 * {@link Redemptions}.
 */
@RestController
@Tag(name = "Sessions", description = "Session tokens for browsers that signed in with a QR code")
class RedeemController {

    private final Redemptions redemptions;

    RedeemController(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    @Operation(operationId = "redeem", summary = "Redeem a confirmed ticket for a session token",
            responses = @ApiResponse(responseCode = "200", description = "The session token (never cached)"))
    @PostMapping(path = "/api/session/redeem", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RedeemResponse>> redeem(@RequestBody RedeemRequest request) {
        return Mono.fromCallable(request::validate).flatMap(this.redemptions::redeem).map(RedeemController::response);
    }

    @Operation(operationId = "decline", summary = "Refuse a login from the browser",
            responses = @ApiResponse(responseCode = "200", description = "Cancelled"))
    @PostMapping(path = "/api/session/decline", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DeclineResponse>> decline(@RequestBody RedeemRequest request) {
        return Mono.fromCallable(request::validate)
            .flatMap(this.redemptions::decline)
            .map((ticket) -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new DeclineResponse(ticket.qrId(), ticket.state())));
    }

    /**
     * A declined ticket.
     *
     * @param qrId the ticket
     * @param state {@code CANCELLED}
     */
    record DeclineResponse(String qrId, TicketState state) {
    }

    private static ResponseEntity<RedeemResponse> response(SessionToken token) {
        // A token response must not be cached (RFC 6749 §5.1).
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(RedeemResponse.of(token));
    }
}
