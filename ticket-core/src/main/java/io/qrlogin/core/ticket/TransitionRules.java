package io.qrlogin.core.ticket;

import io.qrlogin.core.problem.ProblemCode;

/**
 * The single source of truth for which command may move a ticket where. The Redis store
 * compiles this table into its Lua script, so Redis applies exactly these rules atomically.
 *
 * <p>Two checks come before the table, in the script: a ticket whose time ran out is
 * {@link TicketState#EXPIRED} first, and a command that {@linkplain Command#requiresVerifier()
 * requires the verifier} is refused with {@code invalid_verifier} unless it matches — before the
 * state is revealed to the caller. One check comes after it: a confirm the table applies to a ticket
 * that requires number matching must carry the ticket's match code, or it cancels the ticket instead
 * ({@code match_code_mismatch}).
 */
public final class TransitionRules {

    private TransitionRules() {
    }

    /** The decision for {@code command} on a ticket in {@code state}, by a caller in {@code relation} to its scanner. */
    public static Decision decide(Command command, TicketState state, Relation relation) {
        return switch (command) {
            case SCAN -> scan(state, relation);
            case CONFIRM -> confirm(state, relation);
            case CANCEL -> cancel(state, relation);
            case REDEEM -> redeem(state);
            case DECLINE -> decline(state);
            case EXPIRE, VERIFY -> new Decision.Keep();
        };
    }

    private static Decision scan(TicketState state, Relation relation) {
        return switch (state) {
            case PENDING -> new Decision.Apply(TicketState.SCANNED);
            case SCANNED -> (relation == Relation.SAME) ? new Decision.Keep() : reject(ProblemCode.QR_ALREADY_SCANNED);
            case CONFIRMED -> reject((relation == Relation.SAME) ? ProblemCode.QR_ALREADY_CONFIRMED : ProblemCode.QR_ALREADY_SCANNED);
            case REDEEMED, CANCELLED, EXPIRED -> ended(state);
        };
    }

    private static Decision confirm(TicketState state, Relation relation) {
        return switch (state) {
            case PENDING -> reject(ProblemCode.QR_NOT_SCANNED);
            case SCANNED -> (relation == Relation.SAME) ? new Decision.Apply(TicketState.CONFIRMED) : reject(ProblemCode.FORBIDDEN);
            case CONFIRMED -> (relation == Relation.SAME) ? new Decision.Keep() : reject(ProblemCode.FORBIDDEN);
            case REDEEMED, CANCELLED, EXPIRED -> ended(state);
        };
    }

    private static Decision cancel(TicketState state, Relation relation) {
        return switch (state) {
            // Nobody scanned yet: whoever holds the code may refuse it (they could scan and cancel anyway).
            case PENDING -> new Decision.Apply(TicketState.CANCELLED);
            case SCANNED -> (relation == Relation.SAME) ? new Decision.Apply(TicketState.CANCELLED) : reject(ProblemCode.FORBIDDEN);
            case CONFIRMED -> reject((relation == Relation.SAME) ? ProblemCode.QR_ALREADY_CONFIRMED : ProblemCode.FORBIDDEN);
            case CANCELLED -> (relation == Relation.SAME) ? new Decision.Keep() : reject(ProblemCode.QR_CANCELLED);
            case REDEEMED, EXPIRED -> ended(state);
        };
    }

    private static Decision redeem(TicketState state) {
        return switch (state) {
            case PENDING, SCANNED -> reject(ProblemCode.QR_NOT_CONFIRMED);
            case CONFIRMED -> new Decision.Apply(TicketState.REDEEMED);
            case REDEEMED, CANCELLED, EXPIRED -> ended(state);
        };
    }

    /**
     * The browser that holds the verifier may end its own login at any point before it is redeemed: after the
     * confirm above all, when the name the phone confirmed with is not its user's (login CSRF by an onlooker
     * who scanned first). A repeat is harmless.
     */
    private static Decision decline(TicketState state) {
        return switch (state) {
            case PENDING, SCANNED, CONFIRMED -> new Decision.Apply(TicketState.CANCELLED);
            case CANCELLED -> new Decision.Keep();
            case REDEEMED, EXPIRED -> ended(state);
        };
    }

    private static Decision ended(TicketState state) {
        return reject(switch (state) {
            case REDEEMED -> ProblemCode.QR_ALREADY_REDEEMED;
            case CANCELLED -> ProblemCode.QR_CANCELLED;
            case EXPIRED -> ProblemCode.QR_EXPIRED;
            default -> throw new IllegalArgumentException("Not a terminal state: " + state);
        });
    }

    private static Decision reject(ProblemCode reason) {
        return new Decision.Reject(reason);
    }
}
