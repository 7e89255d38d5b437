package io.qrlogin.core.ticket;

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
 * @param numberMatching whether the confirm must carry the code the browser shows after the scan
 * @param matchCode that two-digit code, once the ticket is scanned (only with number matching); a secret
 * between the browser and the user: never in logs or events
 * @param kind what the ticket signs in: a browser, or a device polling the OpenID Provider
 * @param sameNetwork whether the app that scanned it was on the browser's network, as the first scan judged
 * (the signed-in browsers list shows it); {@code null} before a scan, or when nobody judged
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
        @Nullable Instant confirmedAt,
        boolean numberMatching,
        @Nullable String matchCode,
        TicketKind kind,
        @Nullable Boolean sameNetwork) {

    /** A ticket whose network verdict is not known. */
    public Ticket(String qrId, TicketState state, String clientId, String codeChallenge, BrowserContext browser,
            Instant createdAt, Instant expiresAt, Instant updatedAt, @Nullable AppUser scannedBy,
            @Nullable Instant confirmedAt, boolean numberMatching, @Nullable String matchCode, TicketKind kind) {
        this(qrId, state, clientId, codeChallenge, browser, createdAt, expiresAt, updatedAt, scannedBy, confirmedAt,
                numberMatching, matchCode, kind, null);
    }

    /** A browser's ticket. */
    public Ticket(String qrId, TicketState state, String clientId, String codeChallenge, BrowserContext browser,
            Instant createdAt, Instant expiresAt, Instant updatedAt, @Nullable AppUser scannedBy,
            @Nullable Instant confirmedAt, boolean numberMatching, @Nullable String matchCode) {
        this(qrId, state, clientId, codeChallenge, browser, createdAt, expiresAt, updatedAt, scannedBy, confirmedAt,
                numberMatching, matchCode, TicketKind.BROWSER);
    }

    /** A browser's ticket without number matching. */
    public Ticket(String qrId, TicketState state, String clientId, String codeChallenge, BrowserContext browser,
            Instant createdAt, Instant expiresAt, Instant updatedAt, @Nullable AppUser scannedBy,
            @Nullable Instant confirmedAt) {
        this(qrId, state, clientId, codeChallenge, browser, createdAt, expiresAt, updatedAt, scannedBy, confirmedAt,
                false, null);
    }

    /** A short, non-reversible label for logs: never log the whole id. */
    public String fingerprint() {
        return QrIds.fingerprint(this.qrId);
    }

    // Whatever ends up printing a ticket, never the whole id or the match code.
    @Override
    public String toString() {
        return "Ticket[" + fingerprint() + ", state=" + this.state + ", clientId=" + this.clientId + ", expiresAt="
                + this.expiresAt + ", numberMatching=" + this.numberMatching + ", kind=" + this.kind.value() + "]";
    }
}
