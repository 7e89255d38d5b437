package io.qrlogin.qr.mint;

import java.time.Duration;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.NumberMatching;
import io.qrlogin.core.client.Origins;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.qr.QrProperties;
import io.qrlogin.qrimage.QrCodeRenderer;
import io.qrlogin.support.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/qr}: the browser asks for a login QR code. Checks the request and its client, has
 * the ticket minted ({@link TicketCommands#mint}) and answers with its QR code.
 */
@RestController
@Tag(name = "QR codes", description = "The browser's login QR codes")
class MintController {

    private static final String MINT_REQUEST = """
            {"codeChallenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "codeChallengeMethod": "S256",
             "clientId": "web", "imageFormat": "png"}""";

    private static final String MINT_RESPONSE = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn",
             "qrUrl": "https://login.example.com/q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn",
             "image": "data:image/png;base64,iVBORw0KGgo...", "expiresAt": "2026-11-24T09:00:00Z", "expiresIn": 120,
             "confirmIdentity": true}""";

    private final TicketCommands tickets;

    private final QrIds ids;

    private final QrCodeRenderer renderer;

    private final QrProperties properties;

    private final ClientRegistry clients;

    private final MintGuard guard;

    MintController(TicketCommands tickets, QrIds ids, QrCodeRenderer renderer, QrProperties properties,
            ClientRegistry clients, MintGuard guard) {
        this.tickets = tickets;
        this.ids = ids;
        this.renderer = renderer;
        this.properties = properties;
        this.clients = clients;
        this.guard = guard;
    }

    @Operation(operationId = "mint", summary = "Mint a login QR code",
            description = "The browser sends the S256 challenge of a PKCE verifier that never leaves it, and gets a "
                    + "ticket id, the URL the QR code encodes and the code as a data: URI. Then it subscribes to "
                    + "/ws/qr with the id and the verifier, and redeems the confirmed ticket at /api/session/redeem. "
                    + "The clientId must be a registered client (else 400 unknown_client), and a browser's Origin one "
                    + "of that client's origins (else 403 forbidden). While Redis is nearly full, new codes are refused "
                    + "with 503 unavailable and Retry-After, so the logins under way can finish.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = MintRequest.class),
                            examples = @ExampleObject(name = "png", value = MINT_REQUEST))),
            responses = @ApiResponse(responseCode = "201", description = "The ticket and its QR code",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = MintResponse.class),
                            examples = @ExampleObject(name = "minted", value = MINT_RESPONSE))))
    @PostMapping(path = "/api/qr", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<MintResponse>> mint(@RequestBody MintRequest request, ServerHttpRequest http,
            ServerHttpResponse response) {
        MintRequest.Valid valid = request.validate();
        Client client = this.clients.require(valid.clientId());
        String origin = checkOrigin(client, http.getHeaders().getOrigin());
        if (!this.guard.admits()) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.guard.retryAfter().toSeconds()));
            throw new QrLoginException(ProblemCode.UNAVAILABLE,
                    "No new QR codes for a moment; retry after " + this.guard.retryAfter().toSeconds() + " s.");
        }
        BrowserContext browser = new BrowserContext(ClientAddress.of(http, this.properties.edge().clientIpHeader()),
                http.getHeaders().getFirst(HttpHeaders.USER_AGENT), origin);
        // on-risk is decided by the scan, which knows where the phone is.
        boolean numberMatching = client.numberMatching() == NumberMatching.ALWAYS;
        return this.tickets.mint(this.ids.next(), valid.clientId(), valid.codeChallenge(), browser, numberMatching)
            .map((ticket) -> created(ticket, valid, client));
    }

    private ResponseEntity<MintResponse> created(Ticket ticket, MintRequest.Valid request, Client client) {
        String qrUrl = this.properties.qrUrl(ticket.qrId());
        long expiresIn = Duration.between(ticket.createdAt(), ticket.expiresAt()).toSeconds();
        MintResponse body = new MintResponse(ticket.qrId(), qrUrl, this.renderer.dataUri(qrUrl, request.imageFormat()),
                ticket.expiresAt(), expiresIn, client.confirmIdentityInBrowser());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
    }

    /**
     * A browser says which page asks ({@code Origin}, which scripts cannot forge): a page that is not
     * one of the client's may not start a login in its name. Callers that are not browsers send none: the
     * ticket remembers that, and the confirm screen warns of it (a relay's server mints without one).
     *
     * @return the page's origin, normalised; {@code null} when the caller sent none
     */
    private static @Nullable String checkOrigin(Client client, @Nullable String origin) {
        if (origin == null) {
            return null;
        }
        return Origins.of(origin).filter(client::allowsOrigin).orElseThrow(() -> new QrLoginException(
                ProblemCode.FORBIDDEN, "This page's origin may not ask for this client's QR codes."));
    }
}
