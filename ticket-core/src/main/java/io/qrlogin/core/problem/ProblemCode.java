package io.qrlogin.core.problem;

/**
 * The stable {@code code} member of every RFC 9457 problem the services answer with. Clients switch
 * on the code, never on the title or detail text.
 */
public enum ProblemCode {

    INVALID_REQUEST("invalid_request", 400, "Invalid request"),
    UNKNOWN_CLIENT("unknown_client", 400, "Unknown client"),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    INVALID_VERIFIER("invalid_verifier", 401, "Invalid code verifier"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    /** The confirm did not carry the code the browser shows; the login is cancelled (RFC 8628 §3.3.1). */
    MATCH_CODE_MISMATCH("match_code_mismatch", 403, "Match code mismatch"),
    NOT_FOUND("not_found", 404, "Not found"),
    QR_NOT_FOUND("qr_not_found", 404, "QR code not found"),
    /** No live session of the calling user has that id (another user's session is not told apart). */
    SESSION_NOT_FOUND("session_not_found", 404, "Session not found"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),
    QR_ALREADY_SCANNED("qr_already_scanned", 409, "QR code already scanned"),
    QR_NOT_SCANNED("qr_not_scanned", 409, "QR code not scanned"),
    QR_NOT_CONFIRMED("qr_not_confirmed", 409, "Login not confirmed"),
    QR_ALREADY_CONFIRMED("qr_already_confirmed", 409, "Login already confirmed"),
    QR_EXPIRED("qr_expired", 410, "QR code expired"),
    QR_CANCELLED("qr_cancelled", 410, "Login cancelled"),
    QR_ALREADY_REDEEMED("qr_already_redeemed", 410, "Login already redeemed"),
    PAYLOAD_TOO_LARGE("payload_too_large", 413, "Payload too large"),
    RATE_LIMITED("rate_limited", 429, "Too many requests"),
    INTERNAL_ERROR("internal_error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    private final String code;

    private final int status;

    private final String title;

    ProblemCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    /** The wire value, e.g. {@code qr_already_scanned}. */
    public String code() {
        return this.code;
    }

    /** The HTTP status this problem is answered with. */
    public int status() {
        return this.status;
    }

    /** A short, human-readable summary that does not change between occurrences. */
    public String title() {
        return this.title;
    }

    /** The problem with the given wire value. */
    public static ProblemCode fromCode(String code) {
        for (ProblemCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Unknown problem code: " + code);
    }
}
