package io.qrlogin.session.linked;

import java.time.Instant;
import java.util.List;

import io.qrlogin.core.client.Client;
import io.qrlogin.session.store.LinkedSession;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in browsers (and devices) of the app's user.
 *
 * @param sessions the user's live sessions, oldest first
 */
record LinkedSessionsResponse(List<Entry> sessions) {

    /**
     * One session as the phone shows it.
     *
     * @param sessionId the session, to sign it out
     * @param clientId the client (site) it is signed in to
     * @param clientName that client's name, as the confirm screen showed it
     * @param browser the browser and its version, e.g. "Chrome 140"; {@code null} if unknown
     * @param os the operating system, e.g. "Windows 10"; {@code null} if unknown
     * @param ip the browser's IP address at sign-in; {@code null} if unknown
     * @param sameNetwork whether the phone that confirmed was on the browser's network; {@code null} if unknown
     * @param method {@code qr} (a browser) or {@code device} (a device that showed a code)
     * @param signedInAt when it began
     * @param lastSeenAt when it was last used (to the minute)
     */
    record Entry(String sessionId, String clientId, @Nullable String clientName, @Nullable String browser,
            @Nullable String os, @Nullable String ip, @Nullable Boolean sameNetwork, String method, Instant signedInAt,
            Instant lastSeenAt) {

        static Entry of(LinkedSession session, @Nullable Client client) {
            return new Entry(session.sessionId(), session.clientId(), (client != null) ? client.name() : null,
                    session.browser(), session.os(), session.ip(), session.sameNetwork(), session.method(),
                    session.signedInAt(), session.lastSeenAt());
        }
    }
}
