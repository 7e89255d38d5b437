package io.qrlogin.bench.load;

/** A flow that did not end with a session token; the message is its kind in the report, never a secret. */
final class FlowFailure extends RuntimeException {

    FlowFailure(String kind) {
        super(kind, null, false, false);
    }

    static FlowFailure of(String step, Throwable ex) {
        if (ex instanceof FlowFailure failure) {
            return failure;
        }
        String name = ex.getClass().getSimpleName();
        return new FlowFailure(step + ": " + (name.isEmpty() ? "error" : name));
    }
}
