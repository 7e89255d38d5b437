package io.qrlogin.common.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Ticket ids: 192 random bits from a {@link SecureRandom}, base64url without padding (32 characters). */
public final class QrIds {

    /** Random bytes per id: 192 bits, well above the 128 the contract asks for. */
    public static final int RANDOM_BYTES = 24;

    /** The length of every id. */
    public static final int LENGTH = 32;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public QrIds(SecureRandom random) {
        this.random = random;
    }

    /** A fresh id. */
    public String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        this.random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code candidate} has the shape of an id, so malformed input never reaches Redis. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && SHAPE.matcher(candidate).matches();
    }

    /**
     * The first 8 hex digits of the id's SHA-256: enough to follow one ticket through logs, useless
     * for finding or using it.
     */
    public static String fingerprint(String qrId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(qrId.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JRE", ex);
        }
    }
}
