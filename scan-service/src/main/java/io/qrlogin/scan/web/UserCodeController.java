package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.MatchCodes;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.redis.RedisUserCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scan by user code (RFC 8628 §3.3): a device that signs in through the OpenID Provider's device
 * grant shows a QR code and a short user code; an app that cannot scan types the code instead. The
 * code stands for the device's ticket, which is then scanned exactly as {@code POST /api/scan/{qrId}}
 * scans it, and confirmed or cancelled by its {@code qrId} from the answer.
 */
@RestController
@Tag(name = "Scan")
class UserCodeController {

    private static final String REQUEST = """
            {"userCode": "WDJB-MJHT"}""";

    private static final String SCANNED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "SCANNED", "expiresAt": "2026-11-24T09:00:00Z",
             "numberMatching": false,
             "request": {"clientId": "cli", "clientName": "Command-line tools", "ip": "203.0.113.7",
                         "userAgent": "kubelogin/1.34", "requestedAt": "2026-11-24T08:58:00Z", "sameNetwork": true,
                         "kind": "device"}}""";

    private final RedisUserCodes userCodes;

    private final TicketCommands tickets;

    private final MatchCodes matchCodes;

    private final ScanResponses responses;

    UserCodeController(RedisUserCodes userCodes, TicketCommands tickets, MatchCodes matchCodes,
            ScanResponses responses) {
        this.userCodes = userCodes;
        this.tickets = tickets;
        this.matchCodes = matchCodes;
        this.responses = responses;
    }

    @Operation(operationId = "scanUserCode", summary = "Scan a device's login by its user code",
            description = "For a device signing in through the OpenID Provider's device grant (RFC 8628), whose "
                    + "QR code the app cannot scan: the user types the code the device shows (case, spaces and "
                    + "hyphens do not matter). Answers as a scan of the device's QR code, with its qrId for the "
                    + "confirm or cancel; request.kind is \"device\". An unknown or expired code gets 404 qr_not_found.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = UserCodeRequest.class),
                            examples = @ExampleObject(name = "userCode", value = REQUEST))),
            responses = @ApiResponse(responseCode = "200", description = "Scanned: show the confirm screen",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "scanned", value = SCANNED))))
    @PostMapping(path = "/api/scan/user-code", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ScanResponse>> scan(@RequestBody UserCodeRequest body, @AuthenticationPrincipal AppUser user,
            ServerHttpRequest request) {
        String appIp = this.responses.appIp(request);
        String matchCode = this.matchCodes.next();
        return Mono.fromCallable(body::validUserCode)
            .flatMap(this.userCodes::find)
            .switchIfEmpty(Mono.error(() -> new QrLoginException(ProblemCode.QR_NOT_FOUND,
                    "There is no such code; check the code the device shows, or ask the device for a new one.")))
            .flatMap((qrId) -> this.tickets.scan(qrId, user, matchCode))
            .map(Outcomes::ticket)
            .map((ticket) -> this.responses.scanned(ticket, appIp));
    }
}
