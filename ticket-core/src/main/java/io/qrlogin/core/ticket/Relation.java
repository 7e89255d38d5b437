package io.qrlogin.core.ticket;

/** How the acting app user relates to the user who scanned the ticket. */
public enum Relation {

    /** Nobody has scanned the ticket yet (or the caller is the browser, not an app user). */
    NONE,
    /** The caller is the user who scanned the ticket. */
    SAME,
    /** Another user scanned the ticket. */
    OTHER
}
