package io.qrlogin.support.apptoken;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The decoder of app tokens, shared by every service that takes them (scan-service, session-service's linked
 * sessions API), in place of the one Boot would build from {@code spring.security.oauth2.resourceserver.jwt.*}:
 * Spring Security's reactive JWK source keeps a key set forever and fetches it again for every token whose
 * {@code kid} it does not know, so forged tokens with random {@code kid}s made a service fetch the identity
 * provider's JWKS as fast as they came, and a key the provider withdrew stayed trusted until some unknown
 * {@code kid} happened to cause a fetch.
 *
 * <p>Here the key set comes from nimbus' {@link JWKSourceBuilder}: cached for {@code qrlogin.app-tokens.jwks-ttl}
 * (then fetched again, so a withdrawn key stops working), an unknown {@code kid} fetches it again at most once
 * per {@code jwks-refresh-min-interval} and is refused in between, and every fetch is bounded in time and size.
 * The same properties as Boot's decoder still apply: {@code jwk-set-uri}, {@code issuer-uri} (checked against
 * {@code iss}), {@code audiences} and {@code jws-algorithms}.
 */
public final class AppTokenDecoders {

    /** A key set is a few kilobytes; a larger answer is not one. */
    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private AppTokenDecoders() {
    }

    /**
     * Verifies app tokens with the keys published at {@code jwkSetUri}.
     *
     * @param issuer the {@code iss} every token must carry; not checked when {@code null}
     * @param audiences one of these must be in {@code aud}; not checked when empty
     * @param algorithms the JWS algorithms accepted; RS256 when empty
     */
    public static ReactiveJwtDecoder fromKeySet(String jwkSetUri, @Nullable String issuer, List<String> audiences,
            @Nullable List<String> algorithms, AppTokenKeys settings) {
        // The builder takes one algorithm; the key selector takes them all.
        Set<JWSAlgorithm> accepted = algorithms(algorithms);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
            .withJwkSource(keys(cachedKeySource(jwkSetUri, settings)))
            .jwtProcessorCustomizer((processor) -> processor
                .setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, new JWKSecurityContextJWKSet())))
            .build();
        decoder.setJwtValidator(validator(issuer, audiences));
        return decoder;
    }

    /**
     * An app token names the service it is for in {@code aud}; without that check, any token the identity
     * provider issued for any of its services (a calendar app's, say) would act for its user here.
     */
    public static void requireAudienceOutsideDemo(List<String> audiences, boolean demo) {
        if (!demo && audiences.stream().noneMatch(StringUtils::hasText)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.audiences must name the aud "
                    + "the app's tokens carry for this service: without it, a token the identity provider issued for "
                    + "any other of its services would be accepted (only qrlogin.demo.enabled=true may leave it unset)");
        }
    }

    /** {@code jws-algorithms}, each a JWS signature algorithm Spring Security knows; RS256 when none is set. */
    private static Set<JWSAlgorithm> algorithms(@Nullable List<String> configured) {
        List<String> names = (configured != null && !configured.isEmpty()) ? configured : List.of("RS256");
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.strip());
            if (algorithm == null) {
                throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.jws-algorithms: '" + name
                        + "' is not a JWS signature algorithm");
            }
            algorithms.add(JWSAlgorithm.parse(algorithm.getName()));
        }
        return algorithms;
    }

    static JWKSource<SecurityContext> cachedKeySource(String jwkSetUri, AppTokenKeys settings) {
        int timeout = Math.toIntExact(settings.jwksTimeout().toMillis());
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
                    new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
                .cache(settings.jwksTtl().toMillis(), timeout)
                // The call that finds the set expired fetches it (bounded by the timeout): no thread of its own.
                .refreshAheadCache(false)
                .rateLimited(settings.jwksRefreshMinInterval().toMillis())
                .retrying(false)
                .outageTolerant(false)
                .build();
        }
        catch (MalformedURLException | IllegalArgumentException ex) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.jwk-set-uri is not a URL: "
                    + jwkSetUri, ex);
        }
    }

    /**
     * The keys that may have signed a token, off the event loop (a fetch, when one is due, blocks). An unknown
     * {@code kid} while a refresh is not allowed yet finds no key, so the token is refused as badly signed.
     */
    static Function<SignedJWT, Flux<JWK>> keys(JWKSource<SecurityContext> source) {
        return (token) -> Mono.fromCallable(() -> select(source, token.getHeader()))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMapMany(Flux::fromIterable);
    }

    private static List<JWK> select(JWKSource<SecurityContext> source, JWSHeader header) throws KeySourceException {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        try {
            return source.get(new JWKSelector(matcher), null);
        }
        catch (RateLimitReachedException ex) {
            return List.of();
        }
    }

    /** The issuer (when set) and one of {@code audiences} (when any), besides the timestamps. */
    public static OAuth2TokenValidator<Jwt> validator(@Nullable String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(StringUtils.hasText(issuer) ? JwtValidators.createDefaultWithIssuer(issuer)
                : JwtValidators.createDefault());
        List<String> required = audiences.stream().filter(StringUtils::hasText).map(String::strip).toList();
        if (!required.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    (aud) -> aud != null && !Collections.disjoint(aud, required)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
