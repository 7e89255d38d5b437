package io.qrlogin.core.problem;

/**
 * A request that cannot be served, carrying the problem the client gets. Its message is the
 * problem's {@code detail} and must never contain a secret (verifier, token, whole QR id).
 */
public class QrLoginException extends RuntimeException {

    private final ProblemCode code;

    public QrLoginException(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return this.code;
    }
}
