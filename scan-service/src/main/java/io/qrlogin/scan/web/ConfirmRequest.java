package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.MatchCodes;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of a confirm.
 *
 * @param matchCode the two-digit code the browser shows, as the user typed it; required when the scan
 * answered {@code numberMatching: true}
 */
record ConfirmRequest(@Nullable String matchCode) {

    static final ConfirmRequest NONE = new ConfirmRequest(null);

    /** The code, checked for shape before anything touches Redis; {@code null} when none was sent. */
    @Nullable String validMatchCode() {
        if (this.matchCode != null && !MatchCodes.isWellFormed(this.matchCode)) {
            throw new QrLoginException(ProblemCode.INVALID_REQUEST, "matchCode must be the two digits the browser shows.");
        }
        return this.matchCode;
    }
}
