package io.qrlogin.demorp;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks a logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 asks: signed ES256 by a key of the
 * provider's JWKS, typed {@code logout+jwt}, issued by the provider for this client, not expired, with the
 * back-channel logout event and a {@code sid}, and without a {@code nonce} (so an ID token can never pass
 * for one).
 */
class LogoutTokenDecoder {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final JwtDecoder decoder;

    LogoutTokenDecoder(ClientRegistration registration) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .jwtProcessorCustomizer((processor) -> processor
                .setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt"))))
            .build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(registration.getProviderDetails().getIssuerUri()),
                logoutClaims(registration.getClientId())));
        this.decoder = nimbus;
    }

    /** The checked token; a {@link org.springframework.security.oauth2.jwt.JwtException} when it is not one. */
    Jwt decode(String token) {
        return this.decoder.decode(token);
    }

    private static OAuth2TokenValidator<Jwt> logoutClaims(String clientId) {
        return (jwt) -> {
            List<String> audience = jwt.getAudience();
            Object events = jwt.getClaims().get("events");
            String problem = null;
            if (audience == null || !audience.contains(clientId)) {
                problem = "not for this client";
            }
            else if (jwt.getIssuedAt() == null) {
                problem = "no iat";
            }
            else if (!(events instanceof Map<?, ?> members) || !(members.get(EVENT) instanceof Map<?, ?>)) {
                problem = "not a back-channel logout event";
            }
            else if (jwt.getClaims().containsKey("nonce")) {
                problem = "has a nonce";
            }
            else if (jwt.getClaimAsString("sid") == null || jwt.getClaimAsString("sid").isBlank()) {
                problem = "names no sid";
            }
            return (problem == null) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Logout token " + problem, null));
        };
    }
}
