package io.qrlogin.support.apptoken;

import java.time.Instant;
import java.util.function.Consumer;

import io.qrlogin.core.ticket.AppUser;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AppUserAuthenticationConverterTest {

    private final AppUserAuthenticationConverter converter = new AppUserAuthenticationConverter();

    @Test
    void convertWhenNameClaimThenItIsTheDisplayName() {
        Jwt jwt = jwt((claims) -> claims.subject("u-1").claim("name", "Alice Example").claim("preferred_username", "alice"));

        StepVerifier.create(this.converter.convert(jwt)).assertNext((authentication) -> {
            assertThat(authentication.getPrincipal()).isEqualTo(new AppUser("u-1", "Alice Example"));
            assertThat(authentication.getName()).isEqualTo("u-1");
            assertThat(authentication.isAuthenticated()).isTrue();
            assertThat(authentication.getCredentials()).isEqualTo("");
        }).verifyComplete();
    }

    @Test
    void convertWhenNoNameThenPreferredUsername() {
        Jwt jwt = jwt((claims) -> claims.subject("u-1").claim("preferred_username", "alice"));

        assertThat(AppUserAuthenticationConverter.appUser(jwt)).isEqualTo(new AppUser("u-1", "alice"));
    }

    @Test
    void convertWhenNameBlankThenPreferredUsername() {
        Jwt jwt = jwt((claims) -> claims.subject("u-1").claim("name", "  ").claim("preferred_username", "alice"));

        assertThat(AppUserAuthenticationConverter.appUser(jwt)).isEqualTo(new AppUser("u-1", "alice"));
    }

    @Test
    void convertWhenNeitherNameThenSubject() {
        Jwt jwt = jwt((claims) -> claims.subject("u-1"));

        assertThat(AppUserAuthenticationConverter.appUser(jwt)).isEqualTo(new AppUser("u-1", "u-1"));
    }

    @Test
    void convertWhenNameNotTextThenPreferredUsername() {
        Jwt jwt = jwt((claims) -> claims.subject("u-1").claim("name", 42).claim("preferred_username", "alice"));

        assertThat(AppUserAuthenticationConverter.appUser(jwt)).isEqualTo(new AppUser("u-1", "alice"));
    }

    @Test
    void convertWhenNoSubjectThenInvalidToken() {
        Jwt jwt = jwt((claims) -> claims.claim("name", "Alice Example"));

        StepVerifier.create(this.converter.convert(jwt)).verifyError(InvalidBearerTokenException.class);
    }

    @Test
    void convertWhenSubjectBlankThenInvalidToken() {
        Jwt jwt = jwt((claims) -> claims.subject(" "));

        assertThatExceptionOfType(InvalidBearerTokenException.class)
            .isThrownBy(() -> AppUserAuthenticationConverter.appUser(jwt));
    }

    private static Jwt jwt(Consumer<Jwt.Builder> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token")
            .header("alg", "ES256")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60));
        claims.accept(builder);
        return builder.build();
    }
}
