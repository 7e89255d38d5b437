package io.qrlogin.core.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

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

    /**
     * Ids from a DRBG (NIST SP 800-90A) seeded once from the OS now: after that, an id costs CPU only, with
     * no file read or lock on an event loop.
     */
    public static QrIds seededDrbg() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("DRBG");
        random.nextBytes(new byte[1]);
        return new QrIds(random);
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

    /** The shape of a {@link #hash}: 128 bits, base64url without padding. */
    private static final Pattern HASH_SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    /**
     * How events name a ticket: the first 128 bits of the id's SHA-256, base64url (22 characters).
     * Enough for a gateway to find the sockets that follow the ticket; useless for finding the ticket
     * in Redis or acting on it, so a reader of the event stream learns no usable QR id.
     */
    public static String hash(String qrId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(qrId.getBytes(StandardCharsets.US_ASCII));
            return ENCODER.encodeToString(Arrays.copyOf(digest, 16));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JRE", ex);
        }
    }

    /** Whether {@code candidate} has the shape of a {@link #hash}. */
    public static boolean isWellFormedHash(@Nullable String candidate) {
        return candidate != null && HASH_SHAPE.matcher(candidate).matches();
    }

    /**
     * The first 8 characters of the id's {@link #hash}: enough to follow one ticket through logs
     * (and to find its events), useless for finding or using it.
     */
    public static String fingerprint(String qrId) {
        return fingerprintOfHash(hash(qrId));
    }

    /** The {@link #fingerprint} of the ticket whose {@link #hash} is {@code hash}. */
    public static String fingerprintOfHash(String hash) {
        return hash.substring(0, Math.min(8, hash.length()));
    }
}
