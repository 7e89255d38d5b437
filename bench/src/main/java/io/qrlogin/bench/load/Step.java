package io.qrlogin.bench.load;

/** What is timed in a whole flow, in order. */
public enum Step {

    /** OIDC mode: {@code GET /oauth2/authorize} (redirected to the login page) and the page itself. */
    AUTHORIZE("authorize → login page", true),
    /** {@code POST /api/qr}: mint and render. */
    MINT("mint"),
    /** WebSocket connect, subscribe, until the first state (PENDING) arrives. */
    SUBSCRIBE("subscribe → PENDING"),
    /** {@code POST /api/scan/{qrId}}. */
    SCAN("scan"),
    /** From sending the scan to the SCANNED push on the browser's socket. */
    SCAN_PUSH("scan → SCANNED push"),
    /** {@code POST /api/scan/{qrId}/confirm}. */
    CONFIRM("confirm"),
    /** From sending the confirm to the CONFIRMED push on the browser's socket: what the user waits for. */
    CONFIRM_PUSH("confirm → CONFIRMED push"),
    /** {@code POST /api/session/redeem}: the session token. */
    REDEEM("redeem"),
    /** OIDC mode: the session token handed to the provider, until the redirect to the client with the code. */
    HANDOFF("hand-over → code", true),
    /** OIDC mode: {@code POST /oauth2/token}, the code exchanged (PKCE) for the ID and access tokens. */
    TOKEN("token", true),
    /** The whole flow: mint to session token; in OIDC mode authorization request to ID token. */
    FLOW("whole flow");

    private final String label;

    private final boolean oidcOnly;

    Step(String label) {
        this(label, false);
    }

    Step(String label, boolean oidcOnly) {
        this.label = label;
        this.oidcOnly = oidcOnly;
    }

    public String label() {
        return this.label;
    }

    /** Whether only OIDC mode's flows have this step (a report of browser flows leaves it out). */
    public boolean oidcOnly() {
        return this.oidcOnly;
    }
}
