package io.qrlogin.session.redeem;

import io.qrlogin.session.token.SessionToken;

/**
 * A session token for the browser, in the manner of an OAuth 2.0 token response (RFC 6749 §5.1).
 *
 * @param accessToken the signed session token (ES256 JWT)
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until it expires
 * @param sessionId the session it opens ({@code sid})
 * @param user who signed in
 */
record RedeemResponse(String accessToken, String tokenType, long expiresIn, String sessionId, User user) {

    static final String BEARER = "Bearer";

    static RedeemResponse of(SessionToken token) {
        long expiresIn = token.expiresAt().getEpochSecond() - token.issuedAt().getEpochSecond();
        return new RedeemResponse(token.value(), BEARER, expiresIn, token.sessionId(),
                new User(token.subject(), token.name()));
    }

    @Override
    public String toString() {
        return "RedeemResponse[sessionId=" + this.sessionId + ", expiresIn=" + this.expiresIn + "]";
    }

    /**
     * The user who confirmed on the phone.
     *
     * @param sub their stable id
     * @param name their display name
     */
    record User(String sub, String name) {
    }
}
