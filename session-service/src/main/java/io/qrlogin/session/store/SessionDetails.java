package io.qrlogin.session.store;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a session is recorded with at redeem, besides its token: what the phone's user is shown in the list of
 * signed-in browsers, and how long the session may last.
 *
 * @param browser the browser's name and major version from its {@code User-Agent} ("Chrome 140"), if known
 * @param os the browser's operating system ("Windows 10"), if known
 * @param ip the browser's IP address as the edge saw it at mint, if known
 * @param sameNetwork whether the phone that scanned was on the browser's network; {@code null} when unknown
 * @param signedInAt when the session began
 * @param deadline when it ends at the latest, however active (its client's {@code session-max-lifetime})
 * @param idleTimeout how long it may go unused before it ends (its client's {@code session-idle-timeout})
 */
public record SessionDetails(@Nullable String browser, @Nullable String os, @Nullable String ip,
        @Nullable Boolean sameNetwork, Instant signedInAt, Instant deadline, Duration idleTimeout) {
}
