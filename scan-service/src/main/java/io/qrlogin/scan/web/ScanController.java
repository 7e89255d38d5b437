package io.qrlogin.scan.web;

import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.engine.TicketCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's calls on a ticket, each one of the {@link TicketCommands} (one atomic Redis transition,
 * announced on the event stream before the app gets its answer), the scan through {@link Scans}. A rejected
 * command becomes the problem the app gets ({@link Outcomes}); failures reach the common problem responder.
 */
@RestController
@RequestMapping(path = "/api/scan/{qrId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scan", description = "The phone app's calls on a login QR code")
class ScanController {

    private static final String QR_ID = "the id in the scanned QR code's URL (`…/q/{qrId}`)";

    private final Scans scans;

    private final TicketCommands tickets;

    ScanController(Scans scans, TicketCommands tickets) {
        this.scans = scans;
        this.tickets = tickets;
    }

    @Operation(operationId = "scan", summary = "Scan a login QR code: who is asking",
            responses = @ApiResponse(responseCode = "200", description = "Scanned: show the confirm screen"))
    @PostMapping
    Mono<ResponseEntity<ScanResponse>> scan(@Parameter(description = QR_ID) @PathVariable String qrId, @AuthenticationPrincipal AppUser user,
            ServerHttpRequest request) {
        return this.scans.qrCode(qrId, user, request);
    }

    @Operation(operationId = "confirm", summary = "Confirm the login",
            responses = @ApiResponse(responseCode = "200", description = "Confirmed"))
    @PostMapping("/confirm")
    Mono<ResponseEntity<StateResponse>> confirm(@Parameter(description = QR_ID) @PathVariable String qrId,
            @AuthenticationPrincipal AppUser user, @RequestBody(required = false) @Nullable ConfirmRequest body) {
        String matchCode = ((body != null) ? body : ConfirmRequest.NONE).validMatchCode();
        return Outcomes.after(qrId, (id) -> this.tickets.confirm(id, user, matchCode))
            .map(StateResponse::of)
            .map(ScanResponses::noStore);
    }

    @Operation(operationId = "cancel", summary = "Refuse the login",
            responses = @ApiResponse(responseCode = "200", description = "Cancelled"))
    @PostMapping("/cancel")
    Mono<ResponseEntity<StateResponse>> cancel(@Parameter(description = QR_ID) @PathVariable String qrId, @AuthenticationPrincipal AppUser user) {
        return Outcomes.after(qrId, (id) -> this.tickets.cancel(id, user)).map(StateResponse::of)
            .map(ScanResponses::noStore);
    }
}
