package io.qrlogin.session.linked;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.session.events.SessionCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

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

    private static final String SESSION_ID = "A session id from the list";

    private final SessionCommands sessions;

    private final ClientRegistry clients;

    LinkedSessionsController(SessionCommands sessions, ClientRegistry clients) {
        this.sessions = sessions;
        this.clients = clients;
    }

    @Operation(operationId = "listSessions", summary = "The user's signed-in browsers",
            security = @SecurityRequirement(name = "appToken"),
            responses = @ApiResponse(responseCode = "200", description = "The sessions, oldest first"))
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
            security = @SecurityRequirement(name = "appToken"),
            responses = @ApiResponse(responseCode = "204", description = "Signed out"))
    @DeleteMapping("/{sessionId}")
    Mono<ResponseEntity<Void>> end(@AuthenticationPrincipal AppUser user,
            @Parameter(description = SESSION_ID) @PathVariable String sessionId) {
        return this.sessions.revoke(user.subject(), sessionId)
            .switchIfEmpty(Mono.error(() -> new QrLoginException(ProblemCode.SESSION_NOT_FOUND,
                    "You have no signed-in browser with that session id.")))
            .thenReturn(ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build());
    }

    @Operation(operationId = "endAllSessions", summary = "Sign out everywhere",
            security = @SecurityRequirement(name = "appToken"),
            responses = @ApiResponse(responseCode = "204", description = "Signed out everywhere"))
    @DeleteMapping
    Mono<ResponseEntity<Void>> endAll(@AuthenticationPrincipal AppUser user) {
        return this.sessions.revokeAll(user.subject())
            .then(Mono.fromSupplier(() -> ResponseEntity.noContent().cacheControl(CacheControl.noStore()).<Void>build()));
    }
}
