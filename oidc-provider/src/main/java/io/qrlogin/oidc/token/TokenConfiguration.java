package io.qrlogin.oidc.token;

import java.time.Clock;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.qrlogin.keys.SigningKeySet;
import io.qrlogin.oidc.OidcProperties;
import io.qrlogin.oidc.sessionservice.SessionCheck;
import io.qrlogin.oidc.sessionservice.SessionServiceCheck;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** The tokens the provider issues and the key set it signs and publishes them with. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /** The session keys: the private one signs, every public one is published at the JWKS endpoint. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeySet keys) {
        return new ImmutableJWKSet<>(keys.jwkSet());
    }

    /** Access tokens presented at {@code /userinfo}: ES256, from this issuer; the store decides if they are live. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, OidcProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.session().issuer().toString()));
        return decoder;
    }

    /** Whether a refreshing client's session is still live, at session-service. */
    @Bean
    SessionCheck sessionCheck(OidcProperties properties) {
        return new SessionServiceCheck(properties.oidc().sessionServiceUri());
    }

    /**
     * JWT access and ID tokens (with the QR login's claims) and refresh tokens for {@code offline_access}.
     * Authorization codes have their own generator in Spring Authorization Server.
     */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource, SigningKeySet keys, Clock clock) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        jwts.setJwtCustomizer(new QrTokenCustomizer(keys.signingKeyId()));
        return new DelegatingOAuth2TokenGenerator(jwts, new QrRefreshTokenGenerator(clock));
    }
}
