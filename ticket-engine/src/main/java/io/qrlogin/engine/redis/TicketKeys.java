package io.qrlogin.engine.redis;

/**
 * Redis keys. The {@code {qrId}} hash tag keeps every key of one ticket in one cluster slot, so a
 * script may touch them together.
 */
public final class TicketKeys {

    private static final String PREFIX = "qrlogin:{";

    private TicketKeys() {
    }

    /**
     * The ticket a device grant's user code stands for (RFC 8628 §3.3: the user may type the code instead
     * of scanning); {@code userCode} already normalised ({@link io.qrlogin.core.ticket.UserCodes}).
     */
    public static String userCode(String userCode) {
        return "qrlogin:usercode:{" + userCode + "}";
    }

    /** The hash that holds the ticket. */
    public static String ticket(String qrId) {
        return PREFIX + qrId + "}:ticket";
    }
}
