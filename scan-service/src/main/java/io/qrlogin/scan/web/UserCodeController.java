package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.engine.redis.RedisUserCodes;
import io.swagger.v3.oas.annotations.Operation;
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

    private final RedisUserCodes userCodes;

    private final Scans scans;

    UserCodeController(RedisUserCodes userCodes, Scans scans) {
        this.userCodes = userCodes;
        this.scans = scans;
    }

    @Operation(operationId = "scanUserCode", summary = "Scan a device's login by its user code",
            responses = @ApiResponse(responseCode = "200", description = "Scanned: show the confirm screen"))
    @PostMapping(path = "/api/scan/user-code", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ScanResponse>> scan(@RequestBody UserCodeRequest body, @AuthenticationPrincipal AppUser user,
            ServerHttpRequest request) {
        Mono<String> qrId = Mono.fromCallable(body::validUserCode)
            .flatMap(this.userCodes::find)
            .switchIfEmpty(Mono.error(() -> new QrLoginException(ProblemCode.QR_NOT_FOUND,
                    "There is no such code; check the code the device shows, or ask the device for a new one.")));
        return this.scans.device(qrId, user, request);
    }
}
