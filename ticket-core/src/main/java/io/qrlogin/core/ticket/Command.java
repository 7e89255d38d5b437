package io.qrlogin.core.ticket;

/** What a caller asks of a ticket. Each command is one atomic Redis script call. */
public enum Command {

    /** The app user scans the QR code. */
    SCAN,
    /** The scanning user confirms the login. */
    CONFIRM,
    /** The scanning user (or, while nobody scanned, any signed-in app user) refuses the login. */
    CANCEL,
    /** The browser exchanges the confirmed ticket, proving it holds the PKCE verifier. */
    REDEEM,
    /**
     * The browser refuses the login, proving it holds the PKCE verifier: its user answered "Not you?" to the
     * name of whoever confirmed on a phone.
     */
    DECLINE,
    /** A timer moves a ticket whose time ran out to {@link TicketState#EXPIRED}. */
    EXPIRE,
    /** The browser proves it holds the verifier (to follow the ticket's state); changes nothing else. */
    VERIFY;

    /**
     * Whether the caller must present the PKCE verifier the ticket was minted with. Wrong verifiers
     * are refused and counted; they never change the ticket (guessing 256 bits cannot succeed).
     */
    public boolean requiresVerifier() {
        return this == REDEEM || this == DECLINE || this == VERIFY;
    }
}
