package io.qrlogin.session.internal;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.session.events.SessionCommands;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenID Provider's calls about a session, inside the cluster only: the gateway routes nothing under
 * {@code /internal/} (and its network policy admits only the provider).
 * <p>
 * {@code POST /internal/sessions/{sid}/touch}: the provider asks, at every refresh-token grant, whether
 * the session its tokens belong to is still live, and the ask counts as the session's activity (its idle
 * timeout starts again). 204 when live; 404 {@code session_not_found} when it was logged out, revoked, or
 * passed its idle timeout or max lifetime — the provider then refuses the refresh.
 * <p>
 * {@code POST /internal/sessions/{sid}/end}: a client logged out at the provider (RP-initiated logout), so the
 * session ends here too, for every client and on the user's phone; 204 when this call ended it (and its end is
 * announced, reason {@code logout}), 404 {@code session_not_found} when it had ended already.
 */
@RestController
@Hidden
class SessionTouchController {

    private final SessionCommands sessions;

    SessionTouchController(SessionCommands sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/internal/sessions/{sid}/touch")
    Mono<ResponseEntity<Void>> touch(@PathVariable String sid) {
        return this.sessions.touch(sid)
            .flatMap((live) -> live ? Mono.just(ResponseEntity.noContent().cacheControl(CacheControl.noStore()).<Void>build())
                    : Mono.error(new QrLoginException(ProblemCode.SESSION_NOT_FOUND, "The session has ended.")));
    }

    @PostMapping("/internal/sessions/{sid}/end")
    Mono<ResponseEntity<Void>> end(@PathVariable String sid) {
        return this.sessions.end(sid)
            .map((ended) -> ResponseEntity.noContent().cacheControl(CacheControl.noStore()).<Void>build())
            .switchIfEmpty(Mono.error(() -> new QrLoginException(ProblemCode.SESSION_NOT_FOUND, "The session has ended.")));
    }
}
