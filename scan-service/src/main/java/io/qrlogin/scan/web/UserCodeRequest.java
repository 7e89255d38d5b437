package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.UserCodes;
import org.jspecify.annotations.Nullable;

/**
 * A device's user code, typed on the phone instead of scanning (RFC 8628 §3.3).
 *
 * @param userCode the code the device shows, e.g. {@code WDJB-MJHT}; case, spaces and hyphens do not matter
 */
record UserCodeRequest(@Nullable String userCode) {

    /** The code, normalised and checked for shape before anything touches Redis. */
    String validUserCode() {
        String code = UserCodes.normalize(this.userCode);
        if (code == null) {
            throw new QrLoginException(ProblemCode.INVALID_REQUEST,
                    "userCode must be the eight letters or digits the device shows.");
        }
        return code;
    }
}
