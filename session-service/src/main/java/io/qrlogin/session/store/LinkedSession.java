package io.qrlogin.session.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A live session as its user sees it in the list of signed-in browsers.
 *
 * @param sessionId the session ({@code sid})
 * @param subject its user
 * @param clientId the client (site) it signed in to
 * @param browser the browser's name, if known
 * @param os the browser's operating system, if known
 * @param ip the browser's IP address at sign-in, if known
 * @param sameNetwork whether the phone that scanned was on the browser's network, if known
 * @param method how it began: {@code qr} (a browser) or {@code device} (the device grant)
 * @param signedInAt when it began
 * @param lastSeenAt when one of its tokens was last used (at most a minute behind)
 */
public record LinkedSession(String sessionId, String subject, String clientId, @Nullable String browser,
        @Nullable String os, @Nullable String ip, @Nullable Boolean sameNetwork, String method, Instant signedInAt,
        Instant lastSeenAt) {
}
