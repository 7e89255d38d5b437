package io.qrlogin.qr.mint;

import java.time.Instant;

/**
 * A minted login QR code.
 *
 * @param qrId the ticket id; the browser subscribes and redeems with it
 * @param qrUrl what the QR code encodes
 * @param image the QR code as a {@code data:} URI
 * @param expiresAt when the code stops working
 * @param expiresIn seconds until then
 * @param confirmIdentity whether the widget, once the phone confirmed, asks "Continue as &lt;name&gt;?" before it
 * redeems (the client's {@code confirm-identity-in-browser}): whoever scans first owns the ticket, so the
 * browser's user checks that it is them
 */
record MintResponse(String qrId, String qrUrl, String image, Instant expiresAt, long expiresIn,
        boolean confirmIdentity) {
}
