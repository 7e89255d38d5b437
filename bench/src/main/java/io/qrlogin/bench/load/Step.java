package io.qrlogin.bench.load;

/** What is timed in a whole flow, in order. */
public enum Step {

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
    /** The whole flow, mint to session token. */
    FLOW("whole flow");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return this.label;
    }
}
