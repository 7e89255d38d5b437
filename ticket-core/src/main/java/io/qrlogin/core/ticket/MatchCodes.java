package io.qrlogin.core.ticket;

import java.security.SecureRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The two-digit codes of number matching: after the scan the browser shows one, and the user types it
 * on the phone to confirm, proving the screen in front of them is the one that asked (the spirit of
 * RFC 8628 §3.3.1). From 10 to 99, so there is no leading zero to drop; a wrong code cancels the
 * login, so one guess is all anybody gets.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.3.1">RFC 8628 §3.3.1</a>
 */
public final class MatchCodes {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{2}");

    private final SecureRandom random;

    public MatchCodes(SecureRandom random) {
        this.random = random;
    }

    /** A fresh code, {@code 10} to {@code 99}. */
    public String next() {
        return Integer.toString(10 + this.random.nextInt(90));
    }

    /** Whether {@code code} has the shape of a match code: two digits. */
    public static boolean isWellFormed(@Nullable String code) {
        return code != null && SHAPE.matcher(code).matches();
    }
}
