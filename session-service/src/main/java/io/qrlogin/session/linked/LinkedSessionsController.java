package io.qrlogin.session.linked;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.session.events.SessionEvent;
import io.qrlogin.session.events.SessionEventPublisher;
import io.qrlogin.session.store.EndedSession;
import io.qrlogin.session.store.RedisSessionStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app user's signed-in browsers, from the phone (app token): list them, sign one out, or all. Only the
 * calling user's sessions are ever listed or ended; another user's session id answers as an unknown one.
 * Each end is announced ({@code SESSION_ENDED}, reason {@code revoked}) so the OpenID Provider logs its
 * clients out.
 */
@RestController
@RequestMapping("/api/app/sessions")
@Tag(name = "Signed-in browsers", description = "The app user's sessions, listed and ended from the phone")
class LinkedSessionsController {

    private static final Logger logger = LoggerFactory.getLogger(LinkedSessionsController.class);

    private static final String LISTED = """
            {"sessions": [{"sessionId": "Xb3kq9Zr2mC1fL0aTq7w", "clientId": "web", "clientName": "Web",
              "browser": "Chrome 140", "os": "Windows 10", "ip": "203.0.113.7", "sameNetwork": true,
              "method": "qr", "signedInAt": "2026-11-24T08:58:03Z", "lastSeenAt": "2026-11-24T09:41:00Z"}]}""";

    private static final String SESSION_ID = "A session id from the list";

    private final RedisSessionStore sessions;

    private final ClientRegistry clients;

    private final SessionEventPublisher events;

    private final Clock clock;

    LinkedSessionsController(RedisSessionStore sessions, ClientRegistry clients, SessionEventPublisher events,
            Clock clock) {
        this.sessions = sessions;
        this.clients = clients;
        this.events = events;
        this.clock = clock;
    }

    @Operation(operationId = "listSessions", summary = "The user's signed-in browsers",
            description = "Every live session of the app token's user: which site, which browser and OS, from which "
                    + "address, whether the phone that confirmed was on the same network, when it began and was last "
                    + "used (to the minute). Show browser, os and ip as text only.",
            security = @SecurityRequirement(name = "appToken"),
            responses = @ApiResponse(responseCode = "200", description = "The sessions, oldest first",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = LinkedSessionsResponse.class),
                            examples = @ExampleObject(name = "listed", value = LISTED))))
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<LinkedSessionsResponse>> list(@AuthenticationPrincipal AppUser user) {
        return this.sessions.linkedSessionsOf(user.subject())
            .map((session) -> LinkedSessionsResponse.Entry.of(session,
                    this.clients.find(session.clientId()).orElse(null)))
            .collectList()
            .map((entries) -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new LinkedSessionsResponse(entries)));
    }

    @Operation(operationId = "endSession", summary = "Sign one browser out",
            description = "Ends the session at once: its token is refused from now on and its clients are logged out. "
                    + "A session that is not the user's (or has ended) is 404 session_not_found.",
            security = @SecurityRequirement(name = "appToken"),
            responses = @ApiResponse(responseCode = "204", description = "Signed out"))
    @DeleteMapping("/{sessionId}")
    Mono<ResponseEntity<Void>> end(@AuthenticationPrincipal AppUser user,
            @Parameter(description = SESSION_ID) @PathVariable String sessionId) {
        return this.sessions.revoke(user.subject(), sessionId)
            .doOnNext(this::announce)
            .switchIfEmpty(Mono.error(() -> new QrLoginException(ProblemCode.SESSION_NOT_FOUND,
                    "You have no signed-in browser with that session id.")))
            .thenReturn(ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build());
    }

    @Operation(operationId = "endAllSessions", summary = "Sign out everywhere",
            description = "Ends every session of the user; other users' sessions are left alone.",
            security = @SecurityRequirement(name = "appToken"),
            responses = @ApiResponse(responseCode = "204", description = "Signed out everywhere"))
    @DeleteMapping
    Mono<ResponseEntity<Void>> endAll(@AuthenticationPrincipal AppUser user) {
        return this.sessions.sessionsOf(user.subject())
            .concatMap((active) -> this.sessions.revoke(user.subject(), active.sessionId()))
            .doOnNext(this::announce)
            .then(Mono.fromSupplier(() -> ResponseEntity.noContent().cacheControl(CacheControl.noStore()).<Void>build()));
    }

    private void announce(EndedSession ended) {
        logger.debug("Session {} revoked from the app", ended.sessionId());
        this.events.publish(SessionEvent.ended(ended.sessionId(), ended.subject(), ended.clientId(),
                SessionEvent.Reason.REVOKED, this.clock.instant()));
    }
}
