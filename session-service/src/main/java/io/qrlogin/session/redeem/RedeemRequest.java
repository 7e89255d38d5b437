package io.qrlogin.session.redeem;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.QrIds;
import org.jspecify.annotations.Nullable;

/**
 * The browser exchanges its confirmed ticket.
 *
 * @param qrId the ticket
 * @param codeVerifier the PKCE verifier whose S256 hash the ticket was minted with
 */
record RedeemRequest(@Nullable String qrId, @Nullable String codeVerifier) {

    /** Checks both fields' shapes before anything touches Redis. */
    Valid validate() {
        if (this.qrId == null || !QrIds.isWellFormed(this.qrId)) {
            throw invalid("qrId must be a QR code id: 32 characters of [A-Za-z0-9_-].");
        }
        if (this.codeVerifier == null || !Pkce.isWellFormedVerifier(this.codeVerifier)) {
            throw invalid("codeVerifier must be an RFC 7636 code verifier: 43 to 128 characters of [A-Za-z0-9-._~].");
        }
        return new Valid(this.qrId, this.codeVerifier);
    }

    // Holds the verifier: never print it.
    @Override
    public String toString() {
        return "RedeemRequest[qrId=" + ((this.qrId != null && QrIds.isWellFormed(this.qrId)) ? QrIds.fingerprint(this.qrId) : "?") + "]";
    }

    private static QrLoginException invalid(String detail) {
        return new QrLoginException(ProblemCode.INVALID_REQUEST, detail);
    }

    record Valid(String qrId, String codeVerifier) {

        @Override
        public String toString() {
            return "Valid[qrId=" + QrIds.fingerprint(this.qrId) + "]";
        }
    }
}
