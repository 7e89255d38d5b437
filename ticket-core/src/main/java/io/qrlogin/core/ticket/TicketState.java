package io.qrlogin.core.ticket;

/**
 * The life of a login ticket.
 *
 * <pre>
 * PENDING ──scan──▶ SCANNED ──confirm──▶ CONFIRMED ──redeem──▶ REDEEMED
 *    │                 │                      │
 *    └────cancel───────┴──▶ CANCELLED         └──(time)──▶ EXPIRED
 * any non-terminal state ──(time)──▶ EXPIRED
 * </pre>
 *
 * The declaration order is the order of progress: a ticket only ever moves to a later constant, so
 * a consumer can drop news of a state not after the one it already knows ({@link #isAfter}).
 */
public enum TicketState {

    /** Minted; waiting for a phone to scan it. */
    PENDING,
    /** Scanned by exactly one app user, waiting for that user's confirm. */
    SCANNED,
    /** Confirmed by the scanning user; the browser holding the verifier may redeem it once. */
    CONFIRMED,
    /** Exchanged for a session token. Terminal. */
    REDEEMED,
    /** Cancelled by the scanning user. Terminal. */
    CANCELLED,
    /** Its time ran out before it reached the next step. Terminal. */
    EXPIRED;

    /** Whether a ticket in this state has progressed past {@code other}. */
    public boolean isAfter(TicketState other) {
        return ordinal() > other.ordinal();
    }

    /** Whether no transition leads out of this state. */
    public boolean isTerminal() {
        return this == REDEEMED || this == CANCELLED || this == EXPIRED;
    }

    /**
     * Whether a browser socket is done once it has seen this state: the browser redeems a
     * {@code CONFIRMED} ticket over HTTP, so the socket has nothing more to say.
     */
    public boolean isFinalForBrowser() {
        return this == CONFIRMED || isTerminal();
    }
}
