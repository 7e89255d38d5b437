package io.qrlogin.scan.web;

import java.util.function.Function;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.NumberMatching;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.MatchCodes;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.support.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
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
 * announced on the event stream before the app gets its answer). A rejected command becomes the
 * problem the app gets ({@link Outcomes}); failures reach the common problem responder.
 */
@RestController
@RequestMapping(path = "/api/scan/{qrId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Scan", description = "The phone app's calls on a login QR code")
class ScanController {

    private static final String QR_ID = "the id in the scanned QR code's URL (`…/q/{qrId}`)";

    private static final String SCANNED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "SCANNED", "expiresAt": "2026-11-24T09:00:00Z",
             "numberMatching": true,
             "request": {"clientId": "web", "clientName": "Web", "origin": "https://payroll.example.com",
                         "ip": "203.0.113.7",
                         "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                         "browser": "Safari 17", "os": "Mac OS X 10.15",
                         "requestedAt": "2026-11-24T08:58:00Z", "sameNetwork": false},
             "risk": {"networkMismatch": true, "mintedWithoutOrigin": false}}""";

    private static final String CONFIRM_REQUEST = """
            {"matchCode": "42"}""";

    private static final String CONFIRMED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "CONFIRMED"}""";

    private static final String CANCELLED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "CANCELLED"}""";

    private final TicketCommands tickets;

    private final ClientRegistry clients;

    private final MatchCodes matchCodes;

    private final ScanResponses responses;

    ScanController(TicketCommands tickets, ClientRegistry clients, MatchCodes matchCodes, ScanResponses responses) {
        this.tickets = tickets;
        this.clients = clients;
        this.matchCodes = matchCodes;
        this.responses = responses;
    }

    @Operation(operationId = "scan", summary = "Scan a login QR code: who is asking",
            description = "Marks the ticket scanned by the signed-in user and answers what the confirm screen shows: "
                    + "the site, the browser and its operating system, its IP and whether it seems to share the phone's "
                    + "network (a hint, not a proof), the site's origin to compare with the browser's address bar, and "
                    + "the risk signs of a relayed login (risk.networkMismatch, risk.mintedWithoutOrigin): show a clear "
                    + "warning for either. userAgent is as the browser reported it (sanitised): show it as text only. "
                    + "With numberMatching (always, or by the client's on-risk default when the networks differ) the "
                    + "browser now shows a two-digit code the user must type for the confirm. Repeating the scan as "
                    + "the same user is harmless; another user gets 409 qr_already_scanned.",
            responses = @ApiResponse(responseCode = "200", description = "Scanned: show the confirm screen",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "scanned", value = SCANNED))))
    @PostMapping
    Mono<ResponseEntity<ScanResponse>> scan(@Parameter(description = QR_ID) @PathVariable String qrId, @AuthenticationPrincipal AppUser user,
            ServerHttpRequest request) {
        String appIp = this.responses.appIp(request);
        // Used only if this scan is the first of a ticket that requires number matching.
        String matchCode = this.matchCodes.next();
        // The browser's address never changes after the mint, so reading it first decides nothing that a
        // concurrent call could change; the scan itself stays one atomic step.
        return ticket(qrId, (id) -> this.tickets.find(id)
            .map((found) -> new Network(requiresNumberMatching(found, appIp),
                    ClientAddress.sameNetwork(appIp, found.browser().ip())))
            .defaultIfEmpty(new Network(false, null))
            .flatMap((network) -> this.tickets.scan(id, user, matchCode, network.numberMatching(),
                    network.sameNetwork())))
            .map((ticket) -> this.responses.scanned(ticket, appIp));
    }

    /**
     * What the scan decides from where the app and the browser are: whether number matching is required, and
     * whether they share a network (kept with the ticket for the list of signed-in browsers; {@code null} when
     * the ticket was not found, so nothing was judged).
     */
    private record Network(boolean numberMatching, @Nullable Boolean sameNetwork) {
    }

    /**
     * The client's {@code number-matching} setting applied to where the app and the browser are. Never for a
     * device's ticket: a device polls the token endpoint and has no socket to show a code on.
     */
    private boolean requiresNumberMatching(Ticket ticket, @Nullable String appIp) {
        if (ticket.kind() == TicketKind.DEVICE) {
            return false;
        }
        NumberMatching mode = this.clients.find(ticket.clientId()).map(Client::numberMatching)
            .orElse(NumberMatching.DEFAULT);
        return mode.required(!ClientAddress.sameNetwork(appIp, ticket.browser().ip()));
    }

    @Operation(operationId = "confirm", summary = "Confirm the login",
            description = "Only the user who scanned may confirm; a repeat is harmless. The browser is told at once "
                    + "over its WebSocket and redeems the ticket within 30 seconds. When the scan answered "
                    + "numberMatching: true, the body must carry the code the browser shows: a wrong or missing code "
                    + "cancels the login (403 match_code_mismatch). Without number matching the body may be omitted.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ConfirmRequest.class),
                            examples = @ExampleObject(name = "numberMatching", value = CONFIRM_REQUEST))),
            responses = @ApiResponse(responseCode = "200", description = "Confirmed",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "confirmed", value = CONFIRMED))))
    @PostMapping("/confirm")
    Mono<ResponseEntity<StateResponse>> confirm(@Parameter(description = QR_ID) @PathVariable String qrId,
            @AuthenticationPrincipal AppUser user, @RequestBody(required = false) @Nullable ConfirmRequest body) {
        String matchCode = ((body != null) ? body : ConfirmRequest.NONE).validMatchCode();
        return ticket(qrId, (id) -> this.tickets.confirm(id, user, matchCode))
            .map(StateResponse::of)
            .map(ScanResponses::noStore);
    }

    @Operation(operationId = "cancel", summary = "Refuse the login",
            description = "By the user who scanned, or, before anyone scanned, by any signed-in user holding the code. "
                    + "The browser starts over with a new code.",
            responses = @ApiResponse(responseCode = "200", description = "Cancelled",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "cancelled", value = CANCELLED))))
    @PostMapping("/cancel")
    Mono<ResponseEntity<StateResponse>> cancel(@Parameter(description = QR_ID) @PathVariable String qrId, @AuthenticationPrincipal AppUser user) {
        return ticket(qrId, (id) -> this.tickets.cancel(id, user)).map(StateResponse::of).map(ScanResponses::noStore);
    }

    /** The ticket after {@code command} on a well-formed {@code qrId}, or the problem the app gets. */
    private static Mono<Ticket> ticket(String qrId, Function<String, Mono<Transition>> command) {
        return Mono.fromCallable(() -> Outcomes.wellFormed(qrId)).flatMap(command).map(Outcomes::ticket);
    }
}
