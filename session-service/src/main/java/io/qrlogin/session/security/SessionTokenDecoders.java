package io.qrlogin.session.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.JWK;
import io.qrlogin.session.token.SessionClaims;
import io.qrlogin.session.token.SessionTokenIssuer;
import io.qrlogin.session.token.SigningKeys;
import reactor.core.publisher.Flux;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies this service's own session tokens, with its own published keys and no network call:
 * ES256 only, signed by one of the keys in the JWK set, {@code typ} {@code JWT}, the configured
 * {@code iss}, not expired, and {@code amr} containing {@code qr}. Whether the session is still live
 * is checked afterwards, in Redis.
 */
final class SessionTokenDecoders {

    private SessionTokenDecoders() {
    }

    static ReactiveJwtDecoder sessionTokens(SigningKeys keys, String issuer) {
        List<JWK> publicKeys = keys.publicKeys();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource((jwt) -> Flux.fromIterable(publicKeys))
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        decoder.setJwtValidator(validator(issuer));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer) {
        // JwtTypeValidator.jwt() lets a token without typ pass; session tokens always carry it.
        return JwtValidators.createDefaultWithValidators(new JwtTypeValidator("JWT"),
                new JwtTimestampValidator(SessionTokenIssuer.CLOCK_SKEW), new JwtIssuerValidator(issuer),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<Object>(SessionClaims.AMR, SessionTokenDecoders::containsQr),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, SessionTokenDecoders::isText),
                new JwtClaimValidator<Object>(JwtClaimNames.JTI, SessionTokenDecoders::isText),
                new JwtClaimValidator<Object>(SessionClaims.SID, SessionTokenDecoders::isText));
    }

    private static boolean containsQr(Object amr) {
        return amr instanceof Collection<?> methods && methods.contains(SessionClaims.AMR_QR);
    }

    private static boolean isText(Object value) {
        return value instanceof String text && !text.isBlank();
    }
}
