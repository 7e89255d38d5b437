package io.qrlogin.support.apptoken;

import io.qrlogin.core.ticket.AppUser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified app token into the {@link AppUser} who acts: {@code sub} is the user; the name
 * shown to the browser is {@code name}, else {@code preferred_username} (OpenID Connect Core
 * §5.1), else {@code sub}.
 */
public final class AppUserAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    public static final String NAME = "name";

    public static final String PREFERRED_USERNAME = "preferred_username";

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.fromCallable(() -> new AppUserAuthentication(appUser(jwt)));
    }

    /** The user {@code jwt} speaks for; a token without a subject authenticates nobody. */
    public static AppUser appUser(Jwt jwt) {
        String subject = text(jwt, JwtClaimNames.SUB);
        if (subject == null) {
            throw new InvalidBearerTokenException("The token has no subject");
        }
        String name = text(jwt, NAME);
        if (name == null) {
            name = text(jwt, PREFERRED_USERNAME);
        }
        return new AppUser(subject, (name != null) ? name : subject);
    }

    private static @Nullable String text(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (!(value instanceof String text)) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
