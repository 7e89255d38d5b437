package io.qrlogin.core.ticket;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The user codes of the device grant (RFC 8628 §6.1): eight letters or digits that a user may type
 * instead of scanning, however they typed them. Normalised as Spring Authorization Server normalises
 * them: upper case, everything but letters and digits dropped, a hyphen after the fourth
 * ({@code wdjb mjht} and {@code WDJB-MJHT} are the same code).
 */
public final class UserCodes {

    /** Letters and digits in a user code. */
    public static final int LENGTH = 8;

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]+");

    /** Longer input is not a user code, whatever it holds: no regex over unbounded input. */
    private static final int MAX_INPUT = 64;

    private UserCodes() {
    }

    /** The code {@code typed} stands for, as {@code XXXX-XXXX}; {@code null} if it cannot be a user code. */
    public static @Nullable String normalize(@Nullable String typed) {
        if (typed == null || typed.length() > MAX_INPUT) {
            return null;
        }
        String code = NOT_ALPHANUMERIC.matcher(typed.toUpperCase(Locale.ROOT)).replaceAll("");
        if (code.length() != LENGTH) {
            return null;
        }
        return code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2);
    }
}
