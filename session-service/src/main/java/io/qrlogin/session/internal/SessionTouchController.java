package io.qrlogin.session.internal;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.session.store.RedisSessionStore;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/sessions/{sid}/touch}: the OpenID Provider asks, at every refresh-token grant, whether
 * the session its tokens belong to is still live, and the ask counts as the session's activity (its idle
 * timeout starts again). 204 when live; 404 {@code session_not_found} when it was logged out, revoked, or
 * passed its idle timeout or max lifetime — the provider then refuses the refresh. Inside the cluster only:
 * the gateway routes nothing under {@code /internal/} (and its network policy admits only the provider).
 */
@RestController
@Hidden
class SessionTouchController {

    private final RedisSessionStore sessions;

    SessionTouchController(RedisSessionStore sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/internal/sessions/{sid}/touch")
    Mono<ResponseEntity<Void>> touch(@PathVariable String sid) {
        return this.sessions.touch(sid)
            .flatMap((live) -> live ? Mono.just(ResponseEntity.noContent().cacheControl(CacheControl.noStore()).<Void>build())
                    : Mono.error(new QrLoginException(ProblemCode.SESSION_NOT_FOUND, "The session has ended.")));
    }
}
