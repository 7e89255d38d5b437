package io.qrlogin.oidc.login;

/**
 * What the provider makes of a session token the login page hands over: a signed-in user, or why
 * not. Every refusal looks the same to the browser; the reason is for logs and metrics.
 */
public sealed interface Handoff {

    /** The token is a fresh, unused QR login session token for the pending client's audience. */
    record Accepted(QrAuthentication user) implements Handoff {
    }

    /** The token is refused. */
    record Refused(Reason reason) implements Handoff {
    }

    /** Why a session token is refused. */
    enum Reason {

        /** Not a signed JWT. */
        MALFORMED,

        /** Not signed ES256 by one of the session keys. */
        SIGNATURE,

        /** Issued by someone else. */
        ISSUER,

        /** Past its {@code exp}. */
        EXPIRED,

        /** Issued more than the allowed age ago, or in the future. */
        STALE,

        /** For another audience than the client the browser is signing in to. */
        AUDIENCE,

        /** Not from a QR login ({@code amr} lacks {@code qr}). */
        METHOD,

        /** One of the provider's own ID tokens, which must never open a provider session. */
        ID_TOKEN,

        /** Lacks {@code sub}, {@code name}, {@code sid}, {@code jti} or {@code auth_time}. */
        CLAIMS,

        /** Handed over before: each session token opens at most one provider session. */
        REPLAYED
    }
}
