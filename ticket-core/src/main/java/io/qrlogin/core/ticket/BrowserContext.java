package io.qrlogin.core.ticket;

import org.jspecify.annotations.Nullable;

/**
 * What the edge saw of the browser that asked for the QR code; the confirm screen shows it so
 * the user can tell whether the request is theirs.
 *
 * @param ip the browser's IP address as seen by the edge
 * @param userAgent the browser's {@code User-Agent}, truncated
 * @param origin the {@code Origin} of the page that asked, already checked against the client's origins;
 * {@code null} when the caller sent none, as no browser does: a server minted the code (a relay, say)
 */
public record BrowserContext(@Nullable String ip, @Nullable String userAgent, @Nullable String origin) {

    /** The longest User-Agent kept; longer ones are cut. */
    public static final int MAX_USER_AGENT_LENGTH = 512;

    public BrowserContext {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
        }
    }

    /** A browser context whose page's origin is not known. */
    public BrowserContext(@Nullable String ip, @Nullable String userAgent) {
        this(ip, userAgent, null);
    }
}
