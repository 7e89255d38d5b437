package io.qrlogin.engine.redis;

/**
 * Redis keys. The {@code {qrId}} hash tag keeps every key of one ticket in one cluster slot, so a
 * script may touch them together.
 */
public final class TicketKeys {

    private static final String PREFIX = "qrlogin:{";

    private TicketKeys() {
    }

    /** The hash that holds the ticket. */
    public static String ticket(String qrId) {
        return PREFIX + qrId + "}:ticket";
    }
}
