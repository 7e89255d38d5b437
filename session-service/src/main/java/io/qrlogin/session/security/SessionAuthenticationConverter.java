package io.qrlogin.session.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.token.SessionClaims;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified session token into its {@link SessionPrincipal} — if its session is still live
 * in Redis: a logged-out token has a valid signature until it expires, and is refused all the same.
 */
final class SessionAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final RedisSessionStore sessions;

    SessionAuthenticationConverter(RedisSessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.fromCallable(() -> principal(jwt))
            .flatMap((principal) -> this.sessions.isLive(principal.sessionId(), principal.tokenId())
                .flatMap((live) -> live ? Mono.just(new SessionAuthentication(principal))
                        : Mono.error(new InvalidBearerTokenException("The session has ended"))));
    }

    /** What a verified session token says; one without the claims a session needs authenticates nobody. */
    static SessionPrincipal principal(Jwt jwt) {
        String subject = required(jwt, JwtClaimNames.SUB);
        String sessionId = required(jwt, SessionClaims.SID);
        String tokenId = required(jwt, JwtClaimNames.JTI);
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            throw new InvalidBearerTokenException("The token has no expiry");
        }
        String name = text(jwt, SessionClaims.NAME);
        return new SessionPrincipal(subject, (name != null) ? name : subject, sessionId, tokenId, expiresAt,
                methods(jwt));
    }

    private static List<String> methods(Jwt jwt) {
        Object amr = jwt.getClaims().get(SessionClaims.AMR);
        if (!(amr instanceof Collection<?> values)) {
            return List.of();
        }
        return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static String required(Jwt jwt, String claim) {
        String value = text(jwt, claim);
        if (value == null) {
            throw new InvalidBearerTokenException("The token has no " + claim);
        }
        return value;
    }

    private static @Nullable String text(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        return (value instanceof String text && !text.isBlank()) ? text : null;
    }
}
