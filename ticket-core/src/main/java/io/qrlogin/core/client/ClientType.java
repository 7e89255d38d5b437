package io.qrlogin.core.client;

/**
 * What kind of OAuth client (RFC 6749 §2.1) a client is, which decides how it authenticates at the
 * token endpoint and which redirect URIs it may register.
 */
public enum ClientType {

    /** A server-side application that keeps a secret: authenticates with it; PKCE optional. */
    CONFIDENTIAL,

    /** A browser application that cannot keep a secret: no secret, PKCE S256 required. */
    PUBLIC,

    /**
     * An installed application (CLI, desktop, mobile; RFC 8252): no secret, PKCE S256 required, and its
     * loopback redirect URIs accept any port (RFC 8252 §7.3).
     */
    NATIVE;

    /** Whether the client has no secret, so every authorization code it redeems must carry PKCE. */
    public boolean isPublic() {
        return this != CONFIDENTIAL;
    }
}
