package io.qrlogin.oidc.login;

/** Where the login feature answers. */
public final class LoginPaths {

    /** The QR login page an unauthenticated authorization request is sent to. */
    public static final String LOGIN = "/login";

    /** Where the login page hands the session token over. */
    public static final String HANDOFF = "/login/qr";

    /**
     * The device grant's {@code verification_uri} (RFC 8628 §3.2): what a user who reads it off a device
     * is told to do (the phone app is where a device's sign-in is confirmed).
     */
    public static final String DEVICE = "/login/device";

    /** The login page, its hand-over, the device page, and their script and style. */
    public static final String ALL = "/login/**";

    private LoginPaths() {
    }
}
