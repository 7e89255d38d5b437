package io.qrlogin.qr.mint;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.qrimage.ImageFormat;
import org.jspecify.annotations.Nullable;

/**
 * The browser asks for a login QR code.
 *
 * @param codeChallenge {@code BASE64URL(SHA-256(verifier))}; the verifier stays in the browser
 * @param codeChallengeMethod must be {@code S256}
 * @param clientId the site asking, one of the registered clients; {@code web} if absent
 * @param imageFormat {@code png} (default) or {@code svg}
 */
record MintRequest(@Nullable String codeChallenge, @Nullable String codeChallengeMethod, @Nullable String clientId,
        @Nullable String imageFormat) {

    /** Checks every field before anything touches Redis. */
    Valid validate() {
        if (this.codeChallenge == null || !Pkce.isWellFormedChallenge(this.codeChallenge)) {
            throw invalid("codeChallenge must be BASE64URL(SHA-256(code_verifier)): 43 characters of [A-Za-z0-9_-].");
        }
        if (!Pkce.S256.equals(this.codeChallengeMethod)) {
            throw invalid("codeChallengeMethod must be S256.");
        }
        String client = (this.clientId != null) ? this.clientId : ClientProperties.DEFAULT_CLIENT_ID;
        if (!ClientRegistry.CLIENT_ID.matcher(client).matches()) {
            throw invalid("clientId must be 1 to 64 characters of [A-Za-z0-9._-].");
        }
        ImageFormat format = (this.imageFormat != null) ? ImageFormat.named(this.imageFormat)
            .orElseThrow(() -> invalid("imageFormat must be png or svg.")) : ImageFormat.PNG;
        return new Valid(this.codeChallenge, client, format);
    }

    private static QrLoginException invalid(String detail) {
        return new QrLoginException(ProblemCode.INVALID_REQUEST, detail);
    }

    record Valid(String codeChallenge, String clientId, ImageFormat imageFormat) {
    }
}
