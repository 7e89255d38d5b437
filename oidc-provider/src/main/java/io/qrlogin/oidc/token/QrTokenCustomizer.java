package io.qrlogin.oidc.token;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import io.qrlogin.oidc.login.QrAuthentication;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The provider's JWTs: ES256 under the session signing key's {@code kid} (one JWKS with session
 * tokens). An ID token says how the user signed in, with the claims of the QR login behind it:
 * {@code sid} is the session-service session (what the phone's session list and logout name),
 * {@code auth_time} when the phone confirmed, {@code amr ["qr"]}, {@code acr}, and {@code name} for
 * the {@code profile} scope. An access token sent with a DPoP proof is bound to the proof's key.
 */
public final class QrTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final String signingKeyId;

    public QrTokenCustomizer(String signingKeyId) {
        this.signingKeyId = signingKeyId;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        // JwtGenerator starts every header at RS256; the one key set here is EC P-256.
        context.getJwsHeader().algorithm(SignatureAlgorithm.ES256).keyId(this.signingKeyId);
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            bindToDPoPKey(context);
        }
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                && context.getPrincipal() instanceof QrAuthentication user) {
            context.getClaims().claims((claims) -> {
                claims.put("sid", user.sessionId());
                // A Date, as Spring Authorization Server reads it back when it refreshes the ID token.
                claims.put(IdTokenClaimNames.AUTH_TIME, Date.from(user.authTime()));
                // Mutable list and map types: Spring Security's mapper stores these claims and allows only those.
                claims.put("amr", new ArrayList<>(List.of("qr")));
                claims.put(IdTokenClaimNames.ACR, QrAuthentication.ACR);
                if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
                    claims.put(StandardClaimNames.NAME, user.displayName());
                }
            });
        }
    }

    /**
     * RFC 9449 §6: {@code cnf.jkt}, the thumbprint of the proof's key. Spring Authorization Server adds it
     * only when it builds the token generator itself; this provider builds its own.
     */
    private static void bindToDPoPKey(JwtEncodingContext context) {
        Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
        if (proof == null) {
            return;
        }
        String thumbprint;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
            thumbprint = JWK.parse(jwk).computeThumbprint().toString();
        }
        catch (Exception ex) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
                    "jwk header is missing or invalid.", null), ex);
        }
        Map<String, Object> confirmation = new HashMap<>();
        confirmation.put("jkt", thumbprint);
        context.getClaims().claim("cnf", confirmation);
    }
}
