package io.qrlogin.common.ticket;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A login ticket as stored in Redis.
 *
 * @param qrId the ticket's random id, which the QR code carries; treat as a secret in logs
 * @param state the state, already {@link TicketState#EXPIRED} if its time ran out
 * @param clientId the client (site) the browser asked for
 * @param codeChallenge the PKCE S256 challenge of the browser's verifier
 * @param browser what the edge saw of the browser
 * @param createdAt when it was minted
 * @param expiresAt when the current phase runs out
 * @param updatedAt when it last changed
 * @param scannedBy the app user who scanned it, if any
 * @param confirmedAt when that user confirmed, if they did: the moment of authentication
 */
public record Ticket(
        String qrId,
        TicketState state,
        String clientId,
        String codeChallenge,
        BrowserContext browser,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        @Nullable AppUser scannedBy,
        @Nullable Instant confirmedAt) {

    /** A short, non-reversible label for logs: never log the whole id. */
    public String fingerprint() {
        return QrIds.fingerprint(this.qrId);
    }
}
