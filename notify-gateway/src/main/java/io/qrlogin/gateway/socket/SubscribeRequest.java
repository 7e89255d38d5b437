package io.qrlogin.gateway.socket;

import io.qrlogin.core.ticket.QrIds;

/**
 * The browser's first message: {@code {"type":"subscribe","qrId","codeVerifier"}}. Both values have
 * been checked for shape; the verifier is a secret and stays out of {@link #toString()}.
 *
 * @param qrId the ticket to follow
 * @param codeVerifier the PKCE verifier whose S256 hash the ticket was minted with
 */
record SubscribeRequest(String qrId, String codeVerifier) {

    @Override
    public String toString() {
        return "SubscribeRequest[qrId=" + QrIds.fingerprint(this.qrId) + ", codeVerifier=(hidden)]";
    }
}
