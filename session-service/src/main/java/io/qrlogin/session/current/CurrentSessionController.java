package io.qrlogin.session.current;

import io.qrlogin.session.events.SessionCommands;
import io.qrlogin.session.security.SessionPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The session the bearer token belongs to: who it is, and logging out. Security has already
 * verified the token and checked that its session is live.
 */
@RestController
@RequestMapping("/api/session")
@Tag(name = "Sessions")
class CurrentSessionController {

    private static final String ME = """
            {"sub": "alice", "name": "Alice", "sessionId": "Xb3kq9Zr2mC1fL0aTq7w", "amr": ["qr"]}""";

    private final SessionCommands sessions;

    CurrentSessionController(SessionCommands sessions) {
        this.sessions = sessions;
    }

    @Operation(operationId = "me", summary = "Who the session token speaks for",
            security = @SecurityRequirement(name = "sessionToken"),
            responses = @ApiResponse(responseCode = "200", description = "The session's user",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "me", value = ME))))
    @GetMapping(path = "/me", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CurrentSessionResponse> me(@AuthenticationPrincipal SessionPrincipal session) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(CurrentSessionResponse.of(session));
    }

    /** Ends the session: its token is refused from now on, though its signature stays valid until it expires. */
    @Operation(operationId = "logout", summary = "Log out: the token is refused from now on",
            security = @SecurityRequirement(name = "sessionToken"),
            responses = @ApiResponse(responseCode = "204", description = "Logged out"))
    @PostMapping("/logout")
    Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal SessionPrincipal session) {
        return this.sessions.logout(session.subject(), session.sessionId(), session.tokenId(), session.expiresAt())
            .thenReturn(ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build());
    }
}
