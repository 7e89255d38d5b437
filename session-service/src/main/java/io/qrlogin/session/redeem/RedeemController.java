package io.qrlogin.session.redeem;

import java.time.Instant;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.SessionLifetimes;
import io.qrlogin.core.client.Client;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.engine.observability.TracedLogging;
import io.qrlogin.session.events.SessionEvent;
import io.qrlogin.session.events.SessionEventPublisher;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.store.SessionDetails;
import io.qrlogin.session.token.SessionToken;
import io.qrlogin.session.token.SessionTokenIssuer;
import io.qrlogin.support.useragent.UserAgents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/session/redeem}: the browser that holds the verifier exchanges its confirmed
 * ticket for a session token. The exchange is one atomic Redis script ({@link TicketCommands#redeem}),
 * so a ticket yields at most one token however many browsers race for it; the change is announced on
 * the event stream before the token is signed and the session recorded, with what its user is shown in the
 * list of signed-in browsers, and its start announced on the session stream.
 */
@RestController
@Tag(name = "Sessions", description = "Session tokens for browsers that signed in with a QR code")
class RedeemController {

    private static final Logger logger = LoggerFactory.getLogger(RedeemController.class);

    private static final String REDEEM_REQUEST = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "codeVerifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}""";

    private static final String REDEEMED = """
            {"accessToken": "eyJraWQiOiIyMDI2LTExIiwiYWxnIjoiRVMyNTYifQ...", "tokenType": "Bearer", "expiresIn": 900,
             "sessionId": "Xb3kq9Zr2mC1fL0aTq7w", "user": {"sub": "alice", "name": "Alice"}}""";

    private static final String DECLINED = """
            {"qrId": "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "state": "CANCELLED"}""";

    private final TicketCommands tickets;

    private final SessionTokenIssuer issuer;

    private final RedisSessionStore sessions;

    private final ClientRegistry clients;

    private final UserAgents userAgents;

    private final SessionEventPublisher events;

    RedeemController(TicketCommands tickets, SessionTokenIssuer issuer, RedisSessionStore sessions,
            ClientRegistry clients, UserAgents userAgents, SessionEventPublisher events) {
        this.tickets = tickets;
        this.issuer = issuer;
        this.sessions = sessions;
        this.clients = clients;
        this.userAgents = userAgents;
        this.events = events;
    }

    @Operation(operationId = "redeem", summary = "Redeem a confirmed ticket for a session token",
            description = "The browser that minted the ticket proves it with the PKCE verifier. Exactly once per "
                    + "ticket; the token is an ES256 JWT (header kid) with iss sub name aud iat exp jti sid amr auth_time.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RedeemRequest.class),
                            examples = @ExampleObject(name = "redeem", value = REDEEM_REQUEST))),
            responses = @ApiResponse(responseCode = "200", description = "The session token (never cached)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RedeemResponse.class),
                            examples = @ExampleObject(name = "redeemed", value = REDEEMED))))
    @PostMapping(path = "/api/session/redeem", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RedeemResponse>> redeem(@RequestBody RedeemRequest request) {
        return Mono.fromCallable(request::validate)
            .flatMap((valid) -> this.tickets.redeem(valid.qrId(), valid.codeVerifier()))
            .map(RedeemOutcomes::redeemed)
            .flatMap((ticket) -> {
                SessionToken token = this.issuer.issue(ticket);
                return this.sessions.open(token, details(ticket, token))
                    .doOnEach(TracedLogging.onError((ex) -> logger.warn(
                            "Could not record session {} of a redeemed ticket: {}", token.sessionId(), ex.toString())))
                    .then(Mono.fromRunnable(() -> this.events.publish(SessionEvent.started(token.sessionId(),
                            token.subject(), token.clientId(), token.issuedAt()))))
                    .thenReturn(token);
            })
            .map(RedeemController::response);
    }

    @Operation(operationId = "decline", summary = "Refuse a login from the browser",
            description = "The browser that minted the ticket, proving it with the PKCE verifier, cancels it: its user "
                    + "answered \"Not you?\" to the name the phone confirmed with (whoever scans a code first owns "
                    + "it, so an onlooker could otherwise sign this browser in as themselves). Any state before the "
                    + "redeem; a repeat is harmless. The browser then shows a new code.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RedeemRequest.class),
                            examples = @ExampleObject(name = "decline", value = REDEEM_REQUEST))),
            responses = @ApiResponse(responseCode = "200", description = "Cancelled",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "declined", value = DECLINED))))
    @PostMapping(path = "/api/session/decline", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<DeclineResponse>> decline(@RequestBody RedeemRequest request) {
        return Mono.fromCallable(request::validate)
            .flatMap((valid) -> this.tickets.decline(valid.qrId(), valid.codeVerifier()))
            .map(RedeemOutcomes::declined)
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

    /** What the user is shown of the session, and how long it lasts by its client's settings. */
    private SessionDetails details(Ticket ticket, SessionToken token) {
        UserAgents.Described browser = this.userAgents.describe(ticket.browser().userAgent());
        SessionLifetimes lifetimes = this.clients.find(ticket.clientId()).map(Client::sessionLifetimes)
            .orElse(SessionLifetimes.DEFAULTS);
        Instant signedInAt = token.issuedAt();
        // Whether the phone was on the browser's network: the first scan's verdict, kept with the ticket.
        return new SessionDetails(browser.browser(), browser.os(), ticket.browser().ip(), ticket.sameNetwork(),
                signedInAt, signedInAt.plus(lifetimes.maxLifetime()), lifetimes.idleTimeout());
    }

    private static ResponseEntity<RedeemResponse> response(SessionToken token) {
        // A token response must not be cached (RFC 6749 §5.1).
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(RedeemResponse.of(token));
    }
}
