package io.qrlogin.session.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids for tokens ({@code jti}) and sessions ({@code sid}): 192 random bits, base64url (32 characters). */
public final class RandomIds {

    /** Random bytes per id: 192 bits, well above the 128 an unguessable id needs. */
    public static final int RANDOM_BYTES = 24;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public RandomIds(SecureRandom random) {
        this.random = random;
    }

    /** A fresh id. */
    public String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        this.random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
