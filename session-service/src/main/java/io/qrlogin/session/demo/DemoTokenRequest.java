package io.qrlogin.session.demo;

import java.util.regex.Pattern;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import org.jspecify.annotations.Nullable;

/**
 * Someone trying the demo signs in to the app as {@code username}.
 *
 * @param username 1 to 64 characters of {@code [A-Za-z0-9._-]}; it becomes the app user's {@code sub}
 */
record DemoTokenRequest(@Nullable String username) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The user name, if well formed. */
    String validUsername() {
        if (this.username == null || !USERNAME.matcher(this.username).matches()) {
            throw new QrLoginException(ProblemCode.INVALID_REQUEST,
                    "username must be 1 to 64 characters of [A-Za-z0-9._-].");
        }
        return this.username;
    }
}
