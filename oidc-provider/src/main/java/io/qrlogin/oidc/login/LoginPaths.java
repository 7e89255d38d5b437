package io.qrlogin.oidc.login;

/** Where the login feature answers. */
public final class LoginPaths {

    /** The QR login page an unauthenticated authorization request is sent to. */
    public static final String LOGIN = "/login";

    /** Where the login page hands the session token over. */
    public static final String HANDOFF = "/login/qr";

    /** The login page, its hand-over and its script and style. */
    public static final String ALL = "/login/**";

    private LoginPaths() {
    }
}
