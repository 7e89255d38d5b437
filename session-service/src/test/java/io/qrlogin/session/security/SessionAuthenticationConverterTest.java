package io.qrlogin.session.security;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SessionAuthenticationConverterTest {

    private static final Instant EXPIRES_AT = Instant.now().plusSeconds(600);

    @Test
    void principalThenWhatTheTokenSays() {
        Jwt jwt = jwt((claims) -> claims.subject("alice-sub").claim("name", "Alice Example").claim("sid", "s-1")
            .jti("t-1").claim("amr", List.of("qr")));

        assertThat(SessionAuthenticationConverter.principal(jwt))
            .isEqualTo(new SessionPrincipal("alice-sub", "Alice Example", "s-1", "t-1", EXPIRES_AT, List.of("qr")));
    }

    @Test
    void principalWhenNoNameThenTheSubject() {
        Jwt jwt = jwt((claims) -> claims.subject("alice-sub").claim("sid", "s-1").jti("t-1"));

        assertThat(SessionAuthenticationConverter.principal(jwt).name()).isEqualTo("alice-sub");
        assertThat(SessionAuthenticationConverter.principal(jwt).methods()).isEmpty();
    }

    @Test
    void principalWhenSessionIdMissingThenInvalidToken() {
        Jwt jwt = jwt((claims) -> claims.subject("alice-sub").jti("t-1"));

        assertThatExceptionOfType(InvalidBearerTokenException.class)
            .isThrownBy(() -> SessionAuthenticationConverter.principal(jwt));
    }

    @Test
    void authenticationKeepsThePrincipalNotTheToken() {
        SessionPrincipal principal = new SessionPrincipal("alice-sub", "Alice", "s-1", "t-1", EXPIRES_AT, List.of("qr"));

        SessionAuthentication authentication = new SessionAuthentication(principal);

        assertThat(authentication.getPrincipal()).isSameAs(principal);
        assertThat(authentication.getName()).isEqualTo("alice-sub");
        assertThat(authentication.getCredentials()).isEqualTo("");
        assertThat(authentication.isAuthenticated()).isTrue();
    }

    private static Jwt jwt(Consumer<Jwt.Builder> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token")
            .header("alg", "ES256")
            .issuedAt(EXPIRES_AT.minusSeconds(3600))
            .expiresAt(EXPIRES_AT);
        claims.accept(builder);
        return builder.build();
    }
}
